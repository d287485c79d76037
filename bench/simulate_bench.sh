#!/usr/bin/env bash
# Benchmark of `regshift simulate`: N sequences (default 1,000,000) of 200 bp with element-level
# counts, at 1 and 2 threads with a small heap; prints wall time, peak RSS, and whether the two
# outputs are byte-identical. Usage: bench/simulate_bench.sh [N] [HEAP]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-1000000}
heap=${2:-256m}
work=${BENCH_DIR:-/tmp/regshift-bench-simulate}
jar="$here/target/regshift.jar"
[ -f "$jar" ] || (cd "$here" && mvn -B -q package -DskipTests)
mkdir -p "$work"
for threads in 1 2; do
  out="$work/t$threads"
  rm -rf "$out"
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/rss$threads" java -Xmx"$heap" -jar "$jar" simulate --n "$n" --seed 1 \
    --threads "$threads" --out "$out" 2> "$work/log$threads"
  end=$(date +%s.%N)
  awk -v n="$n" -v t="$threads" -v s="$start" -v e="$end" -v rss="$(cat "$work/rss$threads")" -v heap="$heap" 'BEGIN {
    printf "simulate: %d sequences, %d thread(s), -Xmx%s: %.1f s (%.0f sequences/s), peak RSS %.0f MiB\n", n, t, heap, e - s, n / (e - s), rss / 1024 }'
done
same=yes
for f in sequences.fa.gz counts.tsv.gz truth.tsv scenario.json; do
  cmp -s "$work/t1/$f" "$work/t2/$f" || same=no
done
echo "outputs identical at 1 and 2 threads: $same"
