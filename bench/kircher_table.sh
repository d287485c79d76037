#!/usr/bin/env bash
# The variant table of README: an ensemble trained on Sharpr-MPRA HepG2 activity (qc of the
# shipped pilot oligo counts, regions kept whole per split) scores all 33,498 alleles of Kircher et
# al. 2019's saturation mutagenesis (windows kept inside each element), with and without
# structural priors. Prints per HepG2 element and overall: members' sign agreement, Bajwa's
# categories against the measured COEF, the ensemble's sign accuracy and Pearson/Spearman.
# Usage: bench/kircher_table.sh [MEMBERS] [EPOCHS] [ARCH]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
members=${1:-5}
epochs=${2:-15}
arch=${3:-cnn}
work=${BENCH_DIR:-/tmp/regshift-bench-kircher}
jar="$here/target/regshift.jar"
[ -f "$jar" ] || (cd "$here" && mvn -B -q package -DskipTests)
mkdir -p "$work"
rs() { java -Xmx3g -Dorg.bytedeco.javacpp.maxphysicalbytes=6g -jar "$jar" "$@"; }
data="$here/test-data/kircher2019"

rm -rf "$work/qc"
rs qc --counts "$here/test-data/sharpr/sharpr_pilot_oligo_counts.tsv" --condition hepg2 --split-by region_id \
  --seed 1 --out "$work/qc" 2> /dev/null
for priors in none motif+gc; do
  rm -rf "$work/model-$priors" "$work/scores-$priors"
  rs train --data "$work/qc/activity.tsv" --arch "$arch" --priors "$priors" --epochs "$epochs" --patience 5 --seed 1 \
    --ensemble "$members" --out "$work/model-$priors" 2> "$work/train-$priors.log"
  rs score-variants --model "$work/model-$priors" --vcf "$data/satmut_variants_elements.vcf.gz" \
    --reference "$data/satmut_element_regions_GRCh38.fa" --truth-info COEF --window inside \
    --out "$work/scores-$priors" 2> "$work/score-$priors.log"
done
python3 - "$work" "$members" "$arch" <<'PY'
import json, sys
work, members, arch = sys.argv[1:]
print(f"| priors | elements | alleles | members agree | consistently correct | consistently incorrect | inconsistent | sign accuracy | Pearson | Spearman |")
print("|---|---|---|---|---|---|---|---|---|---|")
for priors in ["none", "motif+gc"]:
    s = json.load(open(f"{work}/scores-{priors}/summary.json"))
    rows = [(c, s["per_contig"][c]) for c in ["F9", "LDLR", "SORT1"]] + [("all 21", s)]
    for name, d in rows:
        m = d["measured"]
        print(f"| {priors} | {name} | {d['effects']:,} | {d['consistent_fraction']:.3f} | {m['consistently_correct']:.3f} | "
              f"{m['consistently_incorrect']:.3f} | {m['inconsistent']:.3f} | {m['sign_accuracy']:.3f} | "
              f"{m['pearson']:.3f} | {m['spearman']:.3f} |")
print(f"\n{arch}, {members} members; per-contig figures for every element are in summary.json.")
PY
