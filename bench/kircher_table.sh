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
. "$here/bench/common.sh"
bench_jar "$work"
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
import csv, json, statistics, sys
work, members, arch = sys.argv[1:]
def ranks(v):
    order = sorted(range(len(v)), key=v.__getitem__)
    r = [0.0] * len(v)
    i = 0
    while i < len(v):
        j = i
        while j + 1 < len(v) and v[order[j + 1]] == v[order[i]]:
            j += 1
        for k in range(i, j + 1):
            r[order[k]] = (i + j) / 2
        i = j + 1
    return r
def describe(rows):
    n = len(rows)
    frac = lambda f: sum(1 for r in rows if f(r)) / n
    p = [float(r["effect"]) for r in rows]; y = [float(r["measured"]) for r in rows]
    return (f"{n:,} | {frac(lambda r: r['consistent'] == '1'):.3f} | {frac(lambda r: r['category'] == 'consistently_correct'):.3f} | "
            f"{frac(lambda r: r['category'] == 'consistently_incorrect'):.3f} | {frac(lambda r: r['category'] == 'inconsistent'):.3f} | "
            f"{frac(lambda r: (float(r['effect']) > 0) == (float(r['measured']) > 0)):.3f} | "
            f"{statistics.correlation(p, y):.3f} | {statistics.correlation(ranks(p), ranks(y)):.3f}")
print("| priors | elements | measured effect | alleles | members agree | consistently correct | consistently incorrect | inconsistent | sign accuracy | Pearson | Spearman |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for priors in ["none", "motif+gc"]:
    rows = [r for r in csv.DictReader(open(f"{work}/scores-{priors}/variants.tsv"), delimiter="\t") if r["category"] != "NA"]
    groups = [("F9", {"F9"}), ("LDLR", {"LDLR"}), ("SORT1", {"SORT1"}), ("HepG2 (F9, LDLR, SORT1)", {"F9", "LDLR", "SORT1"}),
              ("all 21", None)]
    for name, keep in groups:
        chosen = [r for r in rows if keep is None or r["chrom"] in keep]
        strong = [r for r in chosen if abs(float(r["measured"])) >= 0.5]
        print(f"| {priors} | {name} | any | {describe(chosen)} |")
        if name.startswith("HepG2") or name == "all 21":
            print(f"| {priors} | {name} | abs >= 0.5 | {describe(strong)} |")
print(f"\n{arch}, {members} members; summary.json holds the same figures for every element.")
PY
