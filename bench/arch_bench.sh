#!/usr/bin/env bash
# bilstm and transformer against their PyTorch twins (bench/torch_models.py, PyTorch with OpenBLAS
# for matrix products) on the same activity table as bench/train_bench.sh, alternating A B A B:
# training throughput (median of the epochs after the first). Usage: bench/arch_bench.sh [N]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/bench/common.sh"
n=${1:-20000}
work=${BENCH_DIR:-/tmp/regshift-bench-train}
jar="$here/target/regshift.jar"
table="$work/activity_$n.tsv"
[ -f "$table" ] || { echo "run bench/train_bench.sh $n first (it makes $table)" >&2; exit 1; }
openblas=$(find "$HOME/.javacpp/cache" -name 'libopenblas_nolapack.so.0' | head -1)
[ -n "$openblas" ] || { echo "no OpenBLAS under ~/.javacpp/cache (run regshift once)" >&2; exit 1; }
mkdir -p "$work/openblas" && ln -sf "$openblas" "$work/openblas/libblas.so.3"
export TORCH_REFERENCE_DIR="${TORCH_REFERENCE_DIR:-$here/../shared/bench}"
for arch in bilstm transformer; do
  for round in 1 2; do
    LD_LIBRARY_PATH="$work/openblas" run_peer "$here/bench/torch_models.py" --arch "$arch" --data "$table" \
      --epochs 3 --threads 2 | sed -n 's/^RESULT /torch    /p'
    rm -rf "$work/model_$arch"
    java -jar "$jar" train --arch "$arch" --data "$table" --out "$work/model_$arch" --epochs 3 --patience 10 --threads 2 \
      2> "$work/train_$arch.log"
    speed=$(train_speed "$work/train_$arch.log")
    echo "regshift {\"arch\": \"$arch\", \"train_seq_per_s\": $speed}"
  done
done
