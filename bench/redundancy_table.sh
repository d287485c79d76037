#!/usr/bin/env bash
# Redundancy audit against the simulator's planted pairs (issue 8): a simulated library (seed 11),
# one cnn trained on its noise-free ct1 activity (truth.tsv) and one on its counts (through qc);
# `regshift redundancy` on the first S sequences with each, against the planted redundant and
# cooperative motif pairs (precision at k) and with the global mask against exhaustive search.
# Usage: bench/redundancy_table.sh [N] [EPOCHS] [S] [extra redundancy options...]
# Environment: SIM_OPTS (extra simulate options, e.g. "--motif-rate 6"), MODELS ("truth counts").
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-20000}
epochs=${2:-20}
sequences=${3:-1000}
shift $(( $# < 3 ? $# : 3 ))
work=${BENCH_DIR:-/tmp/regshift-bench-redundancy}
. "$here/bench/common.sh"
bench_jar "$work"
rs() { java -Xmx3g -Dorg.bytedeco.javacpp.maxphysicalbytes=6g -jar "$jar" "$@"; }
motifs="$here/src/main/resources/org/regshift/motif/default_motifs.jaspar"

models=${MODELS:-truth counts}
if [ ! -f "$work/lib/provenance.json" ]; then
  rm -rf "$work/lib" "$work/qc" "$work/model-truth" "$work/model-counts"
  # shellcheck disable=SC2086
  rs simulate --n "$n" --seed 11 ${SIM_OPTS:-} --out "$work/lib" 2> /dev/null
  python3 - "$work" <<'PY'
import gzip, sys
work = sys.argv[1]
seqs, name = {}, None
with gzip.open(f"{work}/lib/sequences.fa.gz", "rt") as f:
    for line in f:
        line = line.strip()
        if line.startswith(">"):
            name = line[1:].split()[0]
            seqs[name] = []
        else:
            seqs[name].append(line)
with open(f"{work}/lib/truth.tsv") as f, open(f"{work}/truth_activity.tsv", "w") as out:
    header = f.readline().rstrip("\n").split("\t")
    i, a = header.index("id"), header.index("activity_ct1")
    out.write("id\tsequence\tactivity\n")
    for line in f:
        row = line.rstrip("\n").split("\t")
        out.write(f"{row[i]}\t{''.join(seqs[row[i]])}\t{row[a]}\n")
PY
fi
for kind in $models; do
  [ -f "$work/model-$kind/model.json" ] && continue
  if [ "$kind" = truth ]; then
    rs train --data "$work/truth_activity.tsv" --target-column activity --epochs "$epochs" --seed 3 \
      --out "$work/model-truth" 2> "$work/train-truth.log"
  else
    rs qc --counts "$work/lib/counts.tsv.gz" --fasta "$work/lib/sequences.fa.gz" --condition ct1 --out "$work/qc" 2> /dev/null
    rs train --data "$work/qc/activity.tsv" --epochs "$epochs" --seed 3 --out "$work/model-counts" 2> "$work/train-counts.log"
  fi
done
head -$((sequences + 1)) "$work/truth_activity.tsv" | cut -f1,2 > "$work/audit.tsv"
for kind in $models; do
  rm -rf "$work/redundancy-$kind"
  start=$(date +%s.%N)
  rs redundancy --model "$work/model-$kind" --data "$work/audit.tsv" --motifs "$motifs" --truth "$work/lib/scenario.json" \
    "$@" --out "$work/redundancy-$kind" 2> "$work/redundancy-$kind.log"
  echo "$kind: $(echo "$(date +%s.%N) - $start" | bc) s"
done
python3 - "$work" $models <<'PY'
import json, sys
work = sys.argv[1]
print("| model trained on | planted pairs / ranked | P@1 | P@3 | P@5 | P@10 | budget | mask learned (effect), rank | refined, rank | exhaustive best (effect) |")
print("|---|---|---|---|---|---|---|---|---|---|")
for kind in sys.argv[2:]:
    r = json.load(open(f"{work}/redundancy-{kind}/redundancy.json"))
    p = r["precision_at_k"]
    first = f"| {kind} | {r['planted_pairs']} / {r['ranked_pairs']} | " + " | ".join(
        f"{p.get(k, float('nan')):.2f}" for k in ("1", "3", "5", "10"))
    for b in r["global_mask"]["budgets"]:
        e = b["exhaustive"]
        print(f"{first} | {b['budget']} | {'+'.join(b['learned'])} ({b['effect']:.3f}), {e['learned_rank']}/{e['sets']} | "
              f"{'+'.join(b['refined'])} ({b['refined_effect']:.3f}), {e['refined_rank']}/{e['sets']} | "
              f"{'+'.join(e['best'])} ({e['best_effect']:.3f}) |")
        first = "| | | | | | "
PY
