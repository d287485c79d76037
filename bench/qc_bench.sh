#!/usr/bin/env bash
# Benchmark of `regshift qc` on a generated barcode-level table (default 10 million rows:
# 100,000 elements x 100 barcodes, two replicates), against `zcat | wc -l` on the same file as the
# floor. Prints rows per second and the peak RSS. Usage: bench/qc_bench.sh [ROWS] [HEAP]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
rows=${1:-10000000}
heap=${2:-256m}
barcodes=100
work=${BENCH_DIR:-/tmp/regshift-bench-qc}
mkdir -p "$work"
table="$work/barcodes_${rows}.tsv.gz"
jar="$here/target/regshift.jar"
[ -f "$jar" ] || (cd "$here" && mvn -B -q package -DskipTests)

if [ ! -f "$table" ]; then
  echo "generating $table" >&2
  awk -v rows="$rows" -v bc="$barcodes" 'BEGIN {
      srand(7); OFS = "\t";
      print "id", "barcode", "dna_1", "dna_2", "rna_1", "rna_2";
      for (i = 0; i < rows; i++) {
        e = int(i / bc); a = 0.5 + (e % 17) / 8;
        d1 = int(rand() * 60); d2 = int(rand() * 60);
        print "element_" e, "BC" i, d1, d2, int(d1 * a * (0.5 + rand())), int(d2 * a * (0.5 + rand()));
      }
    }' | gzip -1 > "$table.tmp" && mv "$table.tmp" "$table"
fi

floor_start=$(date +%s.%N)
lines=$(zcat "$table" | wc -l)
floor_end=$(date +%s.%N)
out="$work/out"
rm -rf "$out"
start=$(date +%s.%N)
/usr/bin/time -f "%M" -o "$work/rss" java -Xmx"$heap" -jar "$jar" qc --counts "$table" --out "$out" 2> "$work/qc.log"
end=$(date +%s.%N)
awk -v r="$rows" -v l="$lines" -v fs="$floor_start" -v fe="$floor_end" -v s="$start" -v e="$end" -v rss="$(cat "$work/rss")" -v heap="$heap" 'BEGIN {
  printf "zcat | wc -l: %d lines in %.2f s (%.2f M lines/s)\n", l, fe - fs, l / (fe - fs) / 1e6;
  printf "regshift qc:  %d rows in %.2f s (%.2f M rows/s), -Xmx%s, peak RSS %.0f MiB\n", r, e - s, r / (e - s) / 1e6, heap, rss / 1024;
}'
