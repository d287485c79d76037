#!/usr/bin/env bash
# Test accuracy of the default cnn against cnn-reference on the table of bench/train_bench.sh
# (20,000 simulated sequences): 12 epochs at most (patience 4), seeds $SEEDS (default 1); test Pearson, Gaussian NLL
# and 90% coverage of the raw predictive intervals, and the best epoch.
# Usage: [SEEDS="1 2 3"] bench/cnn_quality.sh [N] [ARCH ...]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-20000}
shift || true
archs=("${@:-cnn cnn-reference}")
work=${BENCH_DIR:-/tmp/regshift-bench-train}
jar="$here/target/regshift.jar"
table="$work/activity_$n.tsv"
[ -f "$table" ] || { echo "run bench/train_bench.sh $n first (it makes $table)" >&2; exit 1; }
for seed in ${SEEDS:-1}; do
for arch in ${archs[@]}; do
  rm -rf "$work/quality_$arch"
  java -jar "$jar" train --arch "$arch" --data "$table" --out "$work/quality_$arch" --epochs 12 --patience 4 --seed "$seed" 2> /dev/null
  java -jar "$jar" predict --model "$work/quality_$arch" --data "$table" --out "$work/quality_$arch.tsv" 2> /dev/null
  python3 - "$work/quality_$arch.tsv" "$arch seed $seed" "$work/quality_$arch/provenance.json" <<'PY'
import csv, json, math, statistics, sys
r = [x for x in csv.DictReader(open(sys.argv[1]), delimiter="\t") if x["split"] == "test"]
m = [float(x["mean"]) for x in r]; y = [float(x["y"]) for x in r]; v = [float(x["var_total"]) for x in r]
nll = sum(0.5 * math.log(2 * math.pi * vi) + (yi - mi) ** 2 / (2 * vi) for mi, yi, vi in zip(m, y, v)) / len(r)
cov = sum(abs(yi - mi) <= 1.6448536 * math.sqrt(vi) for mi, yi, vi in zip(m, y, v)) / len(r)
best = json.load(open(sys.argv[3]))["training"][0]["best_epoch"]
print(f"{sys.argv[2]}: test Pearson {statistics.correlation(m, y):.4f} NLL {nll:.4f} coverage90 {cov:.3f} best epoch {best}")
PY
done
done
