#!/usr/bin/env bash
# score-variants against predict on the same number of windows. Makes a random 10 Mbp reference
# and N SNVs at distinct positions (no two alleles share a window, so scoring costs exactly 2
# windows per allele), writes the same 2N windows as a table, and times `predict` on the table and
# `score-variants` on the VCF with the same small model (bench/small_model.sh). Prints windows/s
# of both, their ratio (target >= 0.8) and score-variants' peak RSS at N/10 and N alleles (flat), heap 512 MB.
# Usage: bench/variant_bench.sh [N]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-200000}
work=${BENCH_DIR:-/tmp/regshift-bench-variants}
. "$here/bench/common.sh"
bench_jar "$work"
"$here/bench/small_model.sh" "$jar" "$work"
length=$(python3 -c "import json; print(json.load(open('$work/model/model.json'))['input_length'])")

make_inputs() {  # alleles -> $work/v_N.vcf, $work/w_N.tsv (the 2N windows)
  [ -f "$work/v_$1.vcf" ] && return
  python3 - "$1" "$length" "$work" <<'PY'
import random, sys
n, length, work = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = random.Random(7)
contigs = {f"chr{i}": "".join(rng.choice("ACGT") for _ in range(2_500_000)) for i in range(1, 5)}
with open(f"{work}/ref.fa", "w") as fa:
    for name, seq in contigs.items():
        fa.write(f">{name}\n")
        for i in range(0, len(seq), 60):
            fa.write(seq[i:i + 60] + "\n")
per = n // len(contigs)
half = length // 2
with open(f"{work}/v_{n}.vcf", "w") as vcf, open(f"{work}/w_{n}.tsv", "w") as tsv:
    vcf.write("##fileformat=VCFv4.2\n" + "".join(f"##contig=<ID={c},length={len(s)}>\n" for c, s in contigs.items()))
    vcf.write("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n")
    tsv.write("id\tsequence\n")
    for name, seq in contigs.items():
        for pos in sorted(rng.sample(range(half + 1, len(seq) - length), per)):
            ref = seq[pos - 1]
            alt = rng.choice([b for b in "ACGT" if b != ref])
            vcf.write(f"{name}\t{pos}\t.\t{ref}\t{alt}\t.\t.\t.\n")
            window = seq[pos - 1 - half:pos - 1 - half + length]
            tsv.write(f"{name}:{pos}:ref\t{window}\n{name}:{pos}:alt\t{window[:half]}{alt}{window[half + 1:]}\n")
PY
}

timed() {  # label, command... -> "seconds rss_mib"
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" 2> "$work/log" || { cat "$work/log" >&2; exit 1; }
  read -r s kb < "$work/time"
  echo "$s $((kb / 1024))"
}
rs=(java -Xmx512m -Dorg.bytedeco.javacpp.maxphysicalbytes=1500m -jar "$jar")
small=$((n / 10))
make_inputs "$n"
make_inputs "$small"
rm -rf "$work/sv_small" "$work/sv" "$work/p.tsv"
read -r s_small rss_small < <(timed "${rs[@]}" score-variants --model "$work/model" --vcf "$work/v_$small.vcf" \
  --reference "$work/ref.fa" --out "$work/sv_small" --threads 2)
read -r s_pred rss_pred < <(timed "${rs[@]}" predict --model "$work/model" --data "$work/w_$n.tsv" --out "$work/p.tsv" --threads 2)
read -r s_sv rss_sv < <(timed "${rs[@]}" score-variants --model "$work/model" --vcf "$work/v_$n.vcf" \
  --reference "$work/ref.fa" --out "$work/sv" --threads 2)
windows=$((2 * n))
python3 - "$windows" "$s_pred" "$s_sv" "$rss_pred" "$small" "$rss_small" "$n" "$rss_sv" <<'PY'
import sys
w, sp, ss, rp, small, rsmall, n, rs = sys.argv[1:]
w, sp, ss = int(w), float(sp), float(ss)
print(f"predict: {w:,} windows in {sp:.1f} s ({w / sp:,.0f} windows/s), peak RSS {rp} MiB")
print(f"score-variants: {w // 2:,} alleles = {w:,} windows in {ss:.1f} s ({w / ss:,.0f} windows/s); ratio to predict {sp / ss:.2f}")
print(f"score-variants peak RSS: {rsmall} MiB at {int(small):,} alleles, {rs} MiB at {int(n):,} alleles")
PY
