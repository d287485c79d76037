#!/usr/bin/env bash
# Standard against adversarially trained models (issue 8): on a simulated library, a cnn trained
# as usual and one trained with FGSM (epsilon 0.1, half of each batch attacked); both attacked on
# the held-out test split (FGSM and PGD at several epsilons, and greedy substitutions), and both
# explained against the planted motif sites (AUROC/AUPRC, stability under edits).
# Usage: bench/adversarial_table.sh [N] [EPOCHS]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-8000}
epochs=${2:-15}
work=${BENCH_DIR:-/tmp/regshift-bench-adversarial}
. "$here/bench/common.sh"
bench_jar "$work"
rs() { java -Xmx3g -Dorg.bytedeco.javacpp.maxphysicalbytes=6g -jar "$jar" "$@"; }

rm -rf "$work/lib" "$work/qc"
rs simulate --n "$n" --seed 11 --out "$work/lib" 2> /dev/null
rs qc --counts "$work/lib/counts.tsv.gz" --fasta "$work/lib/sequences.fa.gz" --condition ct1 --out "$work/qc" 2> /dev/null
awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "split") s = i; print; next } $s == "test"' \
  "$work/qc/activity.tsv" > "$work/test.tsv"
for kind in standard fgsm; do
  extra=()
  [ "$kind" = fgsm ] && extra=(--adversarial fgsm --epsilon 0.1 --adv-weight 0.5)
  rm -rf "$work/model-$kind" "$work/attack-$kind-"* "$work/explain-$kind"
  rs train --data "$work/qc/activity.tsv" --epochs "$epochs" --seed 3 "${extra[@]}" --out "$work/model-$kind" \
    2> "$work/train-$kind.log"
  for method in fgsm pgd; do
    rs attack --model "$work/model-$kind" --data "$work/test.tsv" --method "$method" --epsilon 0.05,0.1,0.2 \
      --out "$work/attack-$kind-$method" 2> /dev/null
  done
  rs attack --model "$work/model-$kind" --data "$work/test.tsv" --method substitution --max-edits 3 \
    --out "$work/attack-$kind-substitution" 2> /dev/null
  head -201 "$work/test.tsv" > "$work/explain-input.tsv"
  rs explain --model "$work/model-$kind" --data "$work/explain-input.tsv" --truth "$work/lib/truth.tsv" \
    --stability-sequences 100 --out "$work/explain-$kind" 2> /dev/null
done
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
print("| training | attack | strength | test RMSE | test NLL | 90% coverage | mean shift |")
print("|---|---|---|---|---|---|---|")
for kind in ["standard", "fgsm"]:
    for method in ["fgsm", "pgd", "substitution"]:
        d = json.load(open(f"{work}/attack-{kind}-{method}/attack.json"))
        if method == "fgsm":
            c = d["clean"]
            print(f"| {kind} | none | - | {c['rmse']:.3f} | {c['nll']:.3f} | {c['coverage']:.3f} | - |")
        for a in d["attacks"]:
            strength = a.get("epsilon", a.get("edits"))
            print(f"| {kind} | {method} | {strength} | {a['rmse']:.3f} | {a['nll']:.3f} | {a['coverage']:.3f} | {a['mean_abs_shift']:.3f} |")
print()
print("| training | method | site AUROC | site AUPRC | stability (random edits) | stability (gradient edits) |")
print("|---|---|---|---|---|---|")
for kind in ["standard", "fgsm"]:
    d = json.load(open(f"{work}/explain-{kind}/explain.json"))
    for m, v in d["methods"].items():
        s = v["stability"]
        print(f"| {kind} | {m} | {v['auroc']:.3f} | {v['auprc']:.3f} | {s['random_substitutions']:.3f} | {s['gradient_substitutions']:.3f} |")
PY
