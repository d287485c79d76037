#!/usr/bin/env bash
# Streaming prediction on many sequences: simulates N sequences (default 1 million, 200 bp),
# trains a small model (1 epoch on 20,000 of them), then predicts all N from the FASTA with the
# heap capped, and prints the throughput and the peak RSS (target: <= 2 GB for 1 million).
# Usage: bench/predict_bench.sh [N] [HEAP]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-1000000}
heap=${2:-512m}
work=${BENCH_DIR:-/tmp/regshift-bench-predict}
jar="$here/target/regshift.jar"
[ -f "$jar" ] || (cd "$here" && mvn -B -q package -DskipTests)
mkdir -p "$work"
if [ ! -f "$work/lib_$n/sequences.fa.gz" ]; then
  rm -rf "$work/lib_$n"
  java -jar "$jar" simulate --n "$n" --seed 4 --out "$work/lib_$n" 2> /dev/null
fi
"$here/bench/small_model.sh" "$jar" "$work"
rm -f "$work/predictions.tsv"
/usr/bin/time -f "%e %M" -o "$work/time" java -Xmx"$heap" -Dorg.bytedeco.javacpp.maxphysicalbytes=1500m -jar "$jar" predict \
  --model "$work/model" --data "$work/lib_$n/sequences.fa.gz" --out "$work/predictions.tsv" --threads 2 2> "$work/predict.log" \
  || { cat "$work/predict.log" >&2; exit 1; }
read -r seconds kb < "$work/time"
rows=$(($(wc -l < "$work/predictions.tsv") - 1))
printf 'predict: %d sequences in %.1f s (%.0f sequences/s), peak RSS %d MiB (heap %s)\n' "$rows" "$seconds" \
  "$(echo "$rows / $seconds" | bc -l)" "$((kb / 1024))" "$heap"
