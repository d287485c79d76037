#!/usr/bin/env bash
# The simulator-suite table of README: runs the pipeline's benchmark twice (without and with
# motif+gc priors; the second run resumes the first's simulate and qc tasks), then Mondrian
# (GC-binned) against global conformal on the gc_shift libraries, and prints the table.
# Usage: bench/shift_table.sh [extra pipeline options]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_DIR:-/tmp/regshift-bench-shift}
mkdir -p "$work"
cd "$work"
"$here/regshift-pipeline" --outdir "$work/plain" "$@" > "$work/plain.log" 2>&1
"$here/regshift-pipeline" --outdir "$work/priors" --priors motif+gc -resume "$@" > "$work/priors.log" 2>&1
for method in conformal mondrian; do
  rm -rf "$work/gc_$method"
  java -jar "$here/target/regshift.jar" calibrate --method "$method" --fit "$work/plain/predict/train.predictions.tsv" \
    --apply "$work"/plain/predict/gc_shift_*.predictions.tsv --out "$work/gc_$method" 2> /dev/null
  for f in "$work"/gc_$method/gc_shift_*.calibrated.tsv; do
    name=$(basename "$f" .calibrated.tsv)
    rm -rf "$work/gc_${method}_$name"
    java -jar "$here/target/regshift.jar" evaluate --predictions "$name=$f" --group-by gc --out "$work/gc_${method}_$name" 2> /dev/null
  done
done
python3 "$here/bench/shift_table.py" "$work"
