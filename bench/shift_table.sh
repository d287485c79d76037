#!/usr/bin/env bash
# The simulator-suite tables of README, over several seeds: per seed, the pipeline's benchmark
# twice (without and with motif+gc priors; the second run resumes the first's simulate and qc
# tasks), then split, Mondrian (GC-binned) and weighted conformal (density ratio on gc and ood,
# clipped at 20 and at the default 1000) fitted on the training library's calibration split and
# applied to the gc_shift, cell_type and motif_rewiring libraries, each evaluated per GC bin.
# Prints mean and SD over the seeds.
# Usage: SEEDS="1 2 3" bench/shift_table.sh [extra pipeline options]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_DIR:-/tmp/regshift-bench-shift}
seeds=${SEEDS:-1 2 3}
jar="$here/target/regshift.jar"
mkdir -p "$work"
cd "$work"
for seed in $seeds; do
  run="$work/seed$seed"
  mkdir -p "$run"
  "$here/regshift-pipeline" --outdir "$run/plain" --seed "$seed" -resume "$@" > "$run/plain.log" 2>&1
  "$here/regshift-pipeline" --outdir "$run/priors" --seed "$seed" --priors motif+gc -resume "$@" > "$run/priors.log" 2>&1
  tables=$(ls "$run"/plain/predict/{reference,gc_shift_*,cell_type_*,motif_rewiring_*}.predictions.tsv)
  for variant in conformal mondrian weighted-conformal-clip20 weighted-conformal; do
    method=${variant%-clip*}
    clip=()
    [ "$method" = "$variant" ] || clip=(--weight-clip "${variant##*-clip}")
    rm -rf "$run/$variant"
    # shellcheck disable=SC2086
    java -jar "$jar" calibrate --method "$method" --weight-features gc,ood "${clip[@]}" \
      --fit "$run/plain/predict/train.predictions.tsv" --apply $tables --out "$run/$variant" 2> "$run/$variant.log"
    for f in "$run/$variant"/*.calibrated.tsv; do
      name=$(basename "$f" .calibrated.tsv)
      rm -rf "$run/${variant}_$name"
      java -jar "$jar" evaluate --predictions "$name=$f" --group-by gc --out "$run/${variant}_$name" 2>> "$run/$variant.log"
    done
  done
done
python3 "$here/bench/shift_table.py" "$work" $seeds
