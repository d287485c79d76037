#!/usr/bin/env bash
# The real-data table of README: every architecture, without and with structural priors (motif+gc),
# as one model and as an ensemble, trained on Sharpr-MPRA HepG2 activity (qc of the shipped pilot
# oligo counts, regions kept whole per split) and scored on the held-out test regions: Pearson,
# Gaussian NLL and 90% coverage of the raw (uncalibrated) predictive intervals.
# Usage: bench/sharpr_table.sh [MEMBERS] [EPOCHS]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
members=${1:-3}
epochs=${2:-20}
work=${BENCH_DIR:-/tmp/regshift-bench-sharpr}
jar="$here/target/regshift.jar"
[ -f "$jar" ] || (cd "$here" && mvn -B -q package -DskipTests)
mkdir -p "$work"
rs() { java -Xmx3g -Dorg.bytedeco.javacpp.maxphysicalbytes=6g -jar "$jar" "$@"; }

rm -rf "$work/qc"
rs qc --counts "$here/test-data/sharpr/sharpr_pilot_oligo_counts.tsv" --condition hepg2 --split-by region_id \
  --seed 1 --out "$work/qc" 2> /dev/null
table="$work/qc/activity.tsv"

score() {  # predictions file -> "pearson nll coverage90" on the test split
  python3 - "$1" <<'PY'
import csv, math, statistics, sys
r = [x for x in csv.DictReader(open(sys.argv[1]), delimiter="\t") if x["split"] == "test"]
m = [float(x["mean"]) for x in r]; y = [float(x["y"]) for x in r]; v = [float(x["var_total"]) for x in r]
nll = sum(0.5 * math.log(2 * math.pi * vi) + (yi - mi) ** 2 / (2 * vi) for mi, yi, vi in zip(m, y, v)) / len(r)
cov = sum(abs(yi - mi) <= 1.6448536 * math.sqrt(vi) for mi, yi, vi in zip(m, y, v)) / len(r)
print(f"{statistics.correlation(m, y):.3f} | {nll:.3f} | {cov:.3f} | {len(r)}")
PY
}

echo "| architecture | priors | models | test Pearson | test NLL | 90% coverage | test rows |"
echo "|---|---|---|---|---|---|---|"
for arch in cnn cnn-reference bilstm transformer; do
  for priors in none motif+gc; do
    dirs=()
    for ((i = 0; i < members; i++)); do
      d="$work/$arch-$priors-m$i"
      rm -rf "$d"
      rs train --data "$table" --arch "$arch" --priors "$priors" --epochs "$epochs" --patience 5 --seed 1 \
        --ensemble "$members" --member "$i" --out "$d" 2> "$d.log"
      dirs+=("$d")
    done
    rm -rf "$work/$arch-$priors-ensemble"
    rs ensemble --members "${dirs[@]}" --out "$work/$arch-$priors-ensemble" 2> /dev/null
    for kind in single ensemble; do
      model=${dirs[0]}; [ "$kind" = ensemble ] && model="$work/$arch-$priors-ensemble"
      rs predict --model "$model" --data "$table" --out "$work/$arch-$priors-$kind.tsv" 2> /dev/null
      n=1; [ "$kind" = ensemble ] && n=$members
      echo "| $arch | $priors | $n | $(score "$work/$arch-$priors-$kind.tsv") |"
    done
  done
done
