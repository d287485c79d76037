#!/usr/bin/env bash
# legnet's training throughput against legnet_reference.py (PyTorch, 2 threads), alternating A B A B
# on one table: the first ROWS training rows and 500 test rows of the joint library with K562 as
# the target, 3 epochs each, the median of the epochs after the first (both sides), for each batch
# size. RegShift's peak RSS comes from /usr/bin/time.
# Usage: bench/legnet_throughput.sh   (environment: BATCHES="256 1024" ROUNDS=2 ROWS=4096
#        BENCH_DIR=/tmp/regshift-bench-legnet)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
source "$here/bench/common.sh"
work=${BENCH_DIR:-/tmp/regshift-bench-legnet}
batches=${BATCHES:-256 1024}
rounds=${ROUNDS:-2}
rows=${ROWS:-4096}
bench_jar "$work"
table="$work/k562_$rows.tsv"
if [ ! -f "$table" ]; then
  java -jar "$jar" prepare --data "$here/../shared/data/agarwal2025_joint_library/joint_library.tsv.gz" \
    --target-column k562 --split-column fold --train-splits 1-8 --valid-splits 9 --test-splits 10 --out "$work/k562"
  awk -F'\t' -v n="$rows" 'NR == 1 {for (i = 1; i <= NF; i++) if ($i == "split") s = i; print; next}
    $s == "train" && t < n {print; t++} $s == "test" && v < 500 {print; v++}' "$work/k562/activity.tsv" > "$table"
fi

printf 'batch\tround\tpytorch_seq_per_s\tregshift_seq_per_s\tratio\tregshift_rss_gb\n'
for batch in $batches; do
  for round in $(seq "$rounds"); do
    torch=$(run_peer "$here/../shared/bench/legnet_reference.py" --data "$table" --epochs 3 --threads 2 --batch "$batch" \
      2>&1 >/dev/null | grep -oP 'epoch \d+ loss \S+ \K[0-9]+(?= seq/s)' | median_after_first)
    rm -rf "$work/model"
    /usr/bin/time -f 'rss_kb %M' java -Xmx4g -Dorg.bytedeco.javacpp.maxphysicalbytes=20g -jar "$jar" train --data "$table" \
      --out "$work/model" --arch legnet --epochs 3 --patience 3 --batch-size "$batch" --threads 2 --seed 1 2> "$work/train.log"
    ours=$(train_speed "$work/train.log")
    rss=$(grep -oP 'rss_kb \K[0-9]+' "$work/train.log")
    awk -v b="$batch" -v r="$round" -v t="$torch" -v o="$ours" -v m="$rss" \
      'BEGIN {printf "%s\t%s\t%s\t%s\t%.2f\t%.1f\n", b, r, t, o, o / t, m / 1048576}'
  done
done
