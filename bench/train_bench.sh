#!/usr/bin/env bash
# cnn-reference against the PyTorch peer (shared/bench/torch_reference.py), on the same activity
# table, alternating A B A B: training throughput (median of epochs 2-4) and inference throughput
# (RegShift: the networks' forward passes as predict logs them, which is what the peer times, and
# the whole predict run: JVM start, model load, reading, one-hot, ood score and writing included).
# Needs Debian's python3-torch and python3-numpy. Usage: bench/train_bench.sh [N]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/bench/common.sh"
n=${1:-20000}
work=${BENCH_DIR:-/tmp/regshift-bench-train}
jar="$here/target/regshift.jar"
peer="${TORCH_REFERENCE:-$here/../shared/bench/torch_reference.py}"
[ -f "$jar" ] || (cd "$here" && mvn -B -q package -DskipTests)
mkdir -p "$work"
table="$work/activity_$n.tsv"
if [ ! -f "$table" ]; then
  rm -rf "$work/lib" "$work/qc"
  java -jar "$jar" simulate --n "$n" --seed 2 --out "$work/lib" 2>/dev/null
  java -jar "$jar" qc --counts "$work/lib/counts.tsv.gz" --fasta "$work/lib/sequences.fa.gz" --condition ct1 --out "$work/qc" 2>/dev/null
  cp "$work/qc/activity.tsv" "$table"
fi
for round in 1 2; do
  run_peer "$peer" --data "$table" --epochs 4 --threads 2 | sed -n 's/^RESULT /torch    /p'
  rm -rf "$work/model"
  java -jar "$jar" train --arch cnn-reference --data "$table" --out "$work/model" --epochs 4 --patience 10 --threads 2 2> "$work/train.log"
  train=$(train_speed "$work/train.log")
  start=$(date +%s.%N)
  java -jar "$jar" predict --model "$work/model" --data "$table" --out "$work/predictions.tsv" --threads 2 2> "$work/predict.log"
  end=$(date +%s.%N)
  forward=$(grep -aoP 'forward passes ran at \K[0-9]+' "$work/predict.log")
  rows=$(($(wc -l < "$table") - 1))
  quality=$(python3 - "$work/predictions.tsv" <<'PY'
import csv, math, statistics, sys
r = [x for x in csv.DictReader(open(sys.argv[1]), delimiter="\t") if x["split"] == "test"]
m = [float(x["mean"]) for x in r]; y = [float(x["y"]) for x in r]; v = [float(x["var_total"]) for x in r]
nll = sum(0.5 * math.log(2 * math.pi * vi) + (yi - mi) ** 2 / (2 * vi) for mi, yi, vi in zip(m, y, v)) / len(r)
cov = sum(abs(yi - mi) <= 1.6448536 * math.sqrt(vi) for mi, yi, vi in zip(m, y, v)) / len(r)
print(f"pearson {statistics.correlation(m, y):.4f} nll {nll:.4f} coverage90 {cov:.3f}")
PY
)
  awk -v t="$train" -v f="$forward" -v r="$rows" -v s="$start" -v e="$end" -v q="$quality" 'BEGIN {
    printf "regshift {\"train_seq_per_s\": %s, \"infer_seq_per_s\": %s, \"predict_seq_per_s_incl_jvm_load_io_ood\": %.0f} %s\n", t, f, r / (e - s), q }'
done
