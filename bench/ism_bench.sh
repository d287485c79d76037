#!/usr/bin/env bash
# ISM cost against predict (issue 8): explain --method ism on 1,000 sequences of 200 bp (3 x 200
# substitutions each, batched across sequences) must take <= 2x the time of predict on 600,000
# sequences. Same small model (bench/small_model.sh), 2 threads, heap 1 GB; prints both times.
# Usage: bench/ism_bench.sh
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_DIR:-/tmp/regshift-bench-ism}
. "$here/bench/common.sh"
bench_jar "$work"
"$here/bench/small_model.sh" "$jar" "$work"
rs=(java -Xmx1g -Dorg.bytedeco.javacpp.maxphysicalbytes=2g -jar "$jar")
if [ ! -f "$work/lib/sequences.fa.gz" ]; then
  rm -rf "$work/lib"
  "${rs[@]}" simulate --n 600000 --seed 8 --out "$work/lib" 2> /dev/null
fi
{ zcat "$work/lib/sequences.fa.gz" || true; } | awk '/^>/ { n++ } n > 1000 { exit } { print }' > "$work/ism_input.fa"  # zcat stops early
timed() {
  local start end
  start=$(date +%s.%N)
  "$@" 2> "$work/log" || { cat "$work/log" >&2; exit 1; }
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}
rm -rf "$work/p.tsv" "$work/ism"
predict=$(timed "${rs[@]}" predict --model "$work/model" --data "$work/lib/sequences.fa.gz" --out "$work/p.tsv" --threads 2)
ism=$(timed "${rs[@]}" explain --model "$work/model" --data "$work/ism_input.fa" --method ism --stability-sequences 0 \
  --out "$work/ism" --threads 2)
python3 -c "p, i = $predict, $ism; print(f'predict 600,000 sequences: {p:.1f} s; ism on 1,000 sequences (600,000 substitutions): {i:.1f} s; ratio {i / p:.2f} (target <= 2)')"
