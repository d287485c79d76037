#!/usr/bin/env bash
# The lentiMPRA joint-library benchmark (Agarwal et al. 2025; shared/data/agarwal2025_joint_library):
# for each cell type as the target (`regshift prepare`), train on folds 1-8 (TRAIN_SPLITS), stop
# early on fold 9, test on fold 10.
# RegShift's ARCHS (one seed each; ENSEMBLE=5 trains 5-member ensembles, seeds SEED..SEED+4, one
# member per process, each kept in <cell>_<arch>_x5/member_<i>: run again, it resumes at the first
# member not trained; remove that directory to start afresh)
# against the PyTorch peers legnet_reference.py and torch_reference.py at the same epochs; each
# architecture trains with its own recipe (train's defaults) and predicts with --rc-average.
# Then the real cell-type shift: each RegShift model's fold-10 predictions scored against the same
# sequences measured in the other cell types, raw, split-conformal (fitted on fold 9) and Mondrian
# conformal by design_library, through `evaluate`.
# Usage: bench/joint_library.sh   (environment: CELLS="hepg2 k562 wtc11" ARCHS="legnet cnn" (empty: none)
#        EPOCHS=10 BATCH=256 ENSEMBLE=1 PEERS="legnet torch" (empty: none) SEED=1 TRAIN_SPLITS=1-8
#        BENCH_DIR=/tmp/regshift-bench-joint;
#        the small-data benchmark: TRAIN_SPLITS=1-2 UNUSED_SPLITS=3-8, whose rows then train nothing)
# Output: $BENCH_DIR/results.tsv (one row per cell type and model) and, per RegShift model,
# $BENCH_DIR/<cell>_<arch>[_x<ensemble>]/shift/metrics.tsv (the shift report's table).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
source "$here/bench/common.sh"
work=${BENCH_DIR:-/tmp/regshift-bench-joint}
cells=${CELLS:-hepg2 k562 wtc11}
archs=${ARCHS-legnet cnn}
peers=${PEERS-legnet torch}
epochs=${EPOCHS:-10}
batch=${BATCH:-256}
seed=${SEED:-1}
ensemble=${ENSEMBLE:-1}
train_splits=${TRAIN_SPLITS:-1-8}
unused=()
[ -z "${UNUSED_SPLITS:-}" ] || unused=(--calibration-splits "$UNUSED_SPLITS")
data="$here/../shared/data/agarwal2025_joint_library/joint_library.tsv.gz"
peer_dir="$here/../shared/bench"
bench_jar "$work"
java_opts=(-Xmx4g -Dorg.bytedeco.javacpp.maxphysicalbytes=16g)
results="$work/results.tsv"
printf 'cell\tmodel\tepochs\tpearson\tspearman\tnll\tcoverage90\ttrain_seq_per_s\n' > "$results"

# one metric of a scenario from evaluate's metrics.tsv
metric() {
  awk -F'\t' -v s="$2" -v m="$3" 'NR==1 {for (i=1;i<=NF;i++) c[$i]=i; next} $c["scenario"]==s && $c["group"]=="all" {print $c[m]}' "$1"
}

for cell in $cells; do
  others=$(for c in hepg2 k562 wtc11; do [ "$c" = "$cell" ] || printf '%s ' "$c"; done)
  java -jar "$jar" prepare --data "$data" --target-column "$cell" --split-column fold --train-splits "$train_splits" \
    "${unused[@]}" --valid-splits 9 --test-splits 10 --shift-columns "$(echo $others | tr ' ' ',')" --out "$work/$cell" 2> "$work/$cell.log"
  table="$work/$cell/activity.tsv"
  # only the validation (conformal fit) and test rows are scored: a fifth of the table
  heldout="$work/$cell/heldout.tsv"
  awk -F'\t' 'NR == 1 {for (i = 1; i <= NF; i++) if ($i == "split") s = i; print; next}
    $s == "valid" || $s == "test"' "$table" > "$heldout"
  for other in $others; do
    awk -F'\t' 'NR == FNR {if (FNR > 1) keep[$1] = 1; next} FNR == 1 || ($1 in keep)' "$heldout" \
      "$work/$cell/shift_$other.tsv" > "$work/$cell/heldout_shift_$other.tsv"
  done
  for arch in $archs; do
    name=$arch
    [ "$ensemble" = 1 ] || name="${arch}_x$ensemble"
    out="$work/${cell}_$name"
    train=(train --data "$table" --arch "$arch" --epochs "$epochs" --patience "$epochs" --batch-size "$batch"
           --ensemble "$ensemble" --threads 2 --seed "$seed")
    if [ "$ensemble" = 1 ]; then
      rm -rf "$out" && mkdir -p "$out"
      java "${java_opts[@]}" -jar "$jar" "${train[@]}" --out "$out/model" 2> "$out/train.log"
    else
      # one member at a time, each kept once trained: a run stopped midway resumes at the next member
      mkdir -p "$out" && rm -rf "$out/model"
      for ((i = 0; i < ensemble; i++)); do
        [ -f "$out/member_$i/model.json" ] && continue
        rm -rf "$out/member_$i"
        java "${java_opts[@]}" -jar "$jar" "${train[@]}" --member "$i" --out "$out/member_$i" 2> "$out/train_member_$i.log"
      done
      java -jar "$jar" ensemble --members $(seq -f "$out/member_%g" 0 $((ensemble - 1))) --out "$out/model" 2> "$out/ensemble.log"
      cat "$out"/train_member_*.log > "$out/train.log"
    fi
    java "${java_opts[@]}" -jar "$jar" predict --model "$out/model" --data "$heldout" --rc-average --threads 2 \
      --out "$out/predictions.tsv" 2> "$out/predict.log"
    java -jar "$jar" calibrate --fit "$out/predictions.tsv" --fit-split valid --apply "$out/predictions.tsv" \
      --out "$out/conformal" 2> "$out/calibrate.log"
    java -jar "$jar" calibrate --fit "$out/predictions.tsv" --fit-split valid --apply "$out/predictions.tsv" \
      --method mondrian --group-by design_library --out "$out/mondrian" 2>> "$out/calibrate.log"
    scenarios=(--predictions "$cell=$out/predictions.tsv" --predictions "${cell}_conformal=$out/conformal/predictions.calibrated.tsv"
               --predictions "${cell}_mondrian=$out/mondrian/predictions.calibrated.tsv")
    for other in $others; do
      for kind in raw conformal mondrian; do
        file="$out/predictions.tsv"
        [ "$kind" = raw ] || file="$out/$kind/predictions.calibrated.tsv"
        scenarios+=(--predictions "${other}_$kind=$file" --truth "${other}_$kind=$work/$cell/heldout_shift_$other.tsv")
      done
    done
    java -jar "$jar" evaluate "${scenarios[@]}" --split test --out "$out/shift" 2> "$out/evaluate.log"
    m="$out/shift/metrics.tsv"
    printf '%s\tregshift-%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$cell" "$name" "$epochs" "$(metric "$m" "$cell" pearson)" \
      "$(metric "$m" "$cell" spearman)" "$(metric "$m" "$cell" nll)" "$(metric "$m" "$cell" coverage_90)" \
      "$(train_speed "$out/train.log")" >> "$results"
  done
  for peer in $peers; do
    script="$peer_dir/${peer}_reference.py"
    line=$(run_peer "$script" --data "$table" --epochs "$epochs" --threads 2 | sed -n 's/^RESULT //p')
    printf '%s\t%s-reference\t%s\t%s\n' "$cell" "$peer" "$epochs" "$(python3 -c "import json,sys; r=json.loads(sys.argv[1]);
print('\t'.join(str(r.get(k)) for k in ('pearson','spearman','nll','coverage90','train_seq_per_s')))" "$line")" >> "$results"
  done
done
column -t -s $'\t' "$results"
