#!/usr/bin/env bash
# Weighted conformal against split and Mondrian conformal on a real covariate shift: the lentiMPRA
# joint library (Agarwal et al. 2025), HepG2 activity. A cnn trains on the elements designed from
# HepG2 and K562 candidates (folds 1-8; fold 9 split into valid and calibration rows); it is then
# scored on fold 10 of those design libraries (no shift) and on fold 10 of the elements designed
# from WTC11 candidates and the controls (the shift: other sequences, GC 0.56-0.57 against 0.48-0.50).
# Prints the 90% coverage and mean width per method and test table, and the effective sample size.
# Usage: bench/weighted_conformal.sh [WORK] [JOINT_LIBRARY.tsv.gz] [EPOCHS] [SEED]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
source "$here/bench/common.sh"
work=${1:-/tmp/regshift-weighted-conformal}
data=${2:-$here/../shared/data/agarwal2025_joint_library/joint_library.tsv.gz}
epochs=${3:-5}
seed=${4:-1}
bench_jar "$work"
run() { java -Xmx6g -Dorg.bytedeco.javacpp.maxphysicalbytes=10g -jar "$jar" "$@"; }

# id, sequence, activity (HepG2), gc of the 200-nt element, design_library, split
zcat "$data" | awk -F'\t' -v OFS='\t' -v lib="$work/library.tsv" -v id="$work/in_distribution.tsv" -v sh="$work/shifted.tsv" '
  NR == 1 { h = "id\tsequence\tactivity\tgc\tdesign_library\tsplit"; print h > lib; print h > id; print h > sh; next }
  {
    core = substr($2, 16, 200); gc = gsub(/[GC]/, "", core) / 200
    source_lib = ($6 == "HepG2" || $6 == "K562")
    part = $7 <= 8 ? "train" : $7 == 9 ? (NR % 2 ? "valid" : "calibration") : "test"
    row = $1 OFS $2 OFS $3 OFS gc OFS $6 OFS part
    if (part != "test" && source_lib) print row > lib
    else if (part == "test") print row > (source_lib ? id : sh)
  }'
[ -f "$work/model/model.json" ] || run train --data "$work/library.tsv" --arch cnn --epochs "$epochs" --seed "$seed" \
  --threads 2 --out "$work/model" 2> "$work/train.log"
for t in library in_distribution shifted; do
  run predict --model "$work/model" --data "$work/$t.tsv" --threads 2 --out "$work/pred/$t.tsv" 2> /dev/null
done
for m in conformal mondrian weighted-conformal; do
  rm -rf "$work/cal_$m"
  extra=""
  [ "$m" = mondrian ] && extra="--group-by design_library"
  run calibrate --fit "$work/pred/library.tsv" --apply "$work/pred/in_distribution.tsv" "$work/pred/shifted.tsv" \
    --method "$m" $extra --out "$work/cal_$m" 2> "$work/cal_$m.log"
done
/usr/bin/python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
print("| method | test table | rows | raw 90% coverage | calibrated 90% coverage | mean width | effective sample size |")
print("|---|---|---|---|---|---|---|")
for m in ("conformal", "mondrian", "weighted-conformal"):
    report = json.load(open(f"{work}/cal_{m}/calibration.json"))
    for table, c in report["applied"].items():
        w = c.get("weights")
        ess = "" if w is None else "%.0f of %d" % (w["effective_sample_size"], w["calibration_rows"])
        print("| %s | %s | %d | %.3f | %.3f | %.3f | %s |" % (m, table, c["n"], c["before"]["coverage"]["0.9"],
              c["after"]["coverage"]["0.9"], c["after"]["mean_width"]["0.9"], ess))
PY
