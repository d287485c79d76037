#!/usr/bin/env bash
# What negative controls change under the gc_shift and cell_type scenarios: per seed, the
# pipeline's benchmark with --controls N (qc normalises every library to the controls), then split
# and weighted conformal (density ratio on gc and ood, the default clip) fitted on the training
# library's calibration split and applied to each test library. Prints 90% coverage per seed, the
# effective sample size and each library's label offset against the simulator's truth.
# Usage: SEEDS="1 2 3" CONTROLS=500 bench/controls_table.sh   (BENCH_DIR=/tmp/regshift-bench-controls)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
source "$here/bench/common.sh"
work=${BENCH_DIR:-/tmp/regshift-bench-controls}
seeds=${SEEDS:-1 2 3}
bench_jar "$work"
cd "$work"
for seed in $seeds; do
  run="$work/seed$seed" && mkdir -p "$run"
  "$here/regshift-pipeline" --outdir "$run/plain" --seed "$seed" --controls "${CONTROLS:-500}" \
    --scenarios gc_shift,cell_type -resume > "$run/plain.log" 2>&1
  tables=$(ls "$run"/plain/predict/{reference,gc_shift_*,cell_type_*}.predictions.tsv)
  for method in conformal weighted-conformal; do
    rm -rf "$run/$method"
    # shellcheck disable=SC2086
    java -jar "$jar" calibrate --method "$method" --weight-features gc,ood \
      --fit "$run/plain/predict/train.predictions.tsv" --apply $tables --out "$run/$method" 2> "$run/$method.log"
  done
done
python3 "$here/bench/controls_table.py" "$work" $seeds
