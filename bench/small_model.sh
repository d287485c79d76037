#!/usr/bin/env bash
# A small model for throughput benchmarks (speed does not depend on how well it learned): simulates
# 20,000 sequences of 200 bp and trains the default cnn for 1 epoch. Usage: bench/small_model.sh JAR DIR
set -euo pipefail
jar=$1
work=$2
if [ ! -f "$work/model/model.json" ]; then
  rm -rf "$work/small" "$work/qc" "$work/model"
  java -jar "$jar" simulate --n 20000 --seed 5 --out "$work/small" 2> /dev/null
  java -jar "$jar" qc --counts "$work/small/counts.tsv.gz" --fasta "$work/small/sequences.fa.gz" --condition ct1 \
    --out "$work/qc" 2> /dev/null
  java -jar "$jar" train --data "$work/qc/activity.tsv" --epochs 1 --out "$work/model" 2> /dev/null
fi
