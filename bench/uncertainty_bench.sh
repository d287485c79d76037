#!/usr/bin/env bash
# Benchmark of `regshift calibrate`, `select` and `evaluate` on a generated predictions table
# (default 10 million rows, as predict writes them, with y, ood, gc and a split column). Prints
# wall time and peak RSS of each step. Usage: bench/uncertainty_bench.sh [ROWS] [HEAP]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
rows=${1:-10000000}
heap=${2:-3g}
work=${BENCH_DIR:-/tmp/regshift-bench-uncertainty}
mkdir -p "$work"
table="$work/predictions_${rows}.tsv"
jar="$here/target/regshift.jar"
[ -f "$jar" ] || (cd "$here" && mvn -B -q package -DskipTests)

if [ ! -f "$table" ]; then
  echo "generating $table" >&2
  awk -v rows="$rows" 'BEGIN {
      srand(11); OFS = "\t";
      print "id", "mean", "var_aleatoric", "var_epistemic", "var_total", "lower", "upper", "y", "ood", "gc", "split";
      for (i = 0; i < rows; i++) {
        mu = rand() * 4 - 2; va = 0.05 + rand(); ve = 0.05 * rand(); v = va + ve; s = sqrt(v);
        z = sqrt(-2 * log(1 - rand())) * cos(6.283185307 * rand());
        h = 1.644854 * s;
        printf "e%d\t%.6f\t%.6f\t%.6f\t%.6f\t%.6f\t%.6f\t%.6f\t%.4f\t%.4f\t%s\n", i, mu, va, ve, v, mu - h, mu + h,
               mu + 1.4 * s * z, 3 * rand(), 0.3 + 0.4 * rand(), (i % 5 == 0 ? "calibration" : "test");
      }
    }' > "$table.tmp" && mv "$table.tmp" "$table"
fi

run() {
  local name=$1; shift
  rm -rf "$work/out_$name"
  /usr/bin/time -f "%e %M" -o "$work/time_$name" java -Xmx"$heap" -jar "$jar" "$@" --out "$work/out_$name" 2> "$work/log_$name" \
    || { cat "$work/log_$name" >&2; exit 1; }
  read -r seconds kb < "$work/time_$name"
  printf '%-10s %d rows in %6.1f s (%.2f M rows/s), peak RSS %d MiB\n' "$name" "$rows" "$seconds" \
    "$(echo "$rows / $seconds / 1000000" | bc -l)" "$((kb / 1024))"
}
run calibrate calibrate --fit "$table" --apply "$table" --method mondrian --level 0.9,0.5
run select select --predictions "$table" --fit "$table" --coverage 0.5 --score var_total,ood
run evaluate evaluate --predictions "all=$table" --group-by gc
