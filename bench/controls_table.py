"""Prints the table of bench/controls_table.sh: per library, 90% coverage of split and weighted conformal per seed
(on all of the library's rows), weighted conformal's effective sample size, and the label offset."""
import json
import sys
from pathlib import Path

import label_offset

work = Path(sys.argv[1])
seeds = sys.argv[2:]
LIBRARIES = ["reference"] + [f"{s}_{l}" for s in ("gc_shift", "cell_type") for l in ("mild", "moderate", "severe")]


def applied(seed, method, lib):
    return json.loads((work / f"seed{seed}" / method / "calibration.json").read_text())["applied"][lib]


def per_seed(values):
    return ", ".join(f"{v:.3f}" for v in values)


print("| library | split conformal | weighted conformal | unbounded (weighted) | ESS | label offset |")
print("|---|---|---|---|---|---|")
for lib in LIBRARIES:
    split = [applied(s, "conformal", lib)["after"]["coverage"]["0.9"] for s in seeds]
    weighted = [applied(s, "weighted-conformal", lib) for s in seeds]
    n = [w["n"] for w in weighted]
    unbounded = [w["weights"]["unbounded_test_rows"]["0.9"] / k for w, k in zip(weighted, n)]
    ess = [w["weights"]["effective_sample_size"] for w in weighted]
    offsets = [label_offset.offset(work, s, lib) for s in seeds]
    print(f"| {lib} | {per_seed(split)} | {per_seed([w['after']['coverage']['0.9'] for w in weighted])} "
          f"| {per_seed(unbounded)} | {', '.join(f'{e:.0f}' for e in ess)} | {per_seed(offsets)} |")
