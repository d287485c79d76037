"""Prints the simulator-suite tables of README from the runs of bench/shift_table.sh: mean and SD over seeds, and
each library's label offset against the simulator's truth."""
import functools
import json
import statistics
import sys
from pathlib import Path

import label_offset

work = Path(sys.argv[1])
seeds = sys.argv[2:]
METHODS = ("conformal", "mondrian", "weighted-conformal-clip20", "weighted-conformal")


@functools.cache
def read_json(path):
    """A JSON file, read once however many table cells use it."""
    return json.loads(path.read_text())


def scenarios(seed, run, kind):
    return read_json(work / f"seed{seed}" / run / kind / "metrics.json")["scenarios"]


def cell(values, digits=3):
    if len(values) == 1:
        return f"{values[0]:.{digits}f}"
    return f"{statistics.mean(values):.{digits}f} ± {statistics.stdev(values):.{digits}f}"


plain = {s: scenarios(s, "plain", "evaluate") for s in seeds}
raw = {s: scenarios(s, "plain", "evaluate_raw") for s in seeds}
priors = {s: scenarios(s, "priors", "evaluate") for s in seeds}
print(f"Simulator suite, seeds {', '.join(seeds)} (mean ± SD):")
print()
print("| library | Pearson | Pearson, priors | RMSE vs reference | NLL (conformal) | 90% coverage raw "
      "| 90% coverage conformal | MACE raw | risk at 50% / 100% coverage | left out |")
print("|---|---|---|---|---|---|---|---|---|---|")
for name in plain[seeds[0]]:
    def values(runs, key, section="metrics"):
        return [runs[s][name][section][key] for s in seeds]

    left_out = [plain[s][name].get("common_ids", {}).get("left_out_fraction", 0.0) for s in seeds]
    print(f"| {name} | {cell(values(plain, 'pearson'))} | {cell(values(priors, 'pearson'))} "
          f"| {cell(values(plain, 'rmse', 'ratio_to_reference'), 2)}x | {cell(values(plain, 'nll'))} "
          f"| {cell(values(raw, 'coverage_90'))} | {cell(values(plain, 'coverage_90'))} | {cell(values(raw, 'mace'))} "
          f"| {cell(values(plain, 'risk_at_50'))} / {cell(values(plain, 'risk_at_100'))} | {cell(left_out)} |")

print()
print("90% coverage of split, Mondrian (GC bins) and weighted conformal (clipped at 20 and at the default 1000), fitted on "
      "the training library's calibration split; per seed in brackets for weighted conformal; the worst GC bin's gap "
      "to 0.9; weighted conformal's unbounded rows and effective sample size:")
print()
print("| library | split | Mondrian | weighted, clip 20 | weighted, clip 1000 | worst GC bin's gap (split / weighted) "
      "| unbounded | ESS (clip 20 / 1000) |")
print("|---|---|---|---|---|---|---|---|")
libraries = sorted(p.name[len("conformal_"):] for p in (work / f"seed{seeds[0]}").glob("conformal_*") if p.is_dir())


def library_metrics(seed, method, lib):
    return read_json(work / f"seed{seed}" / f"{method}_{lib}" / "metrics.json")["scenarios"][lib]


def ess(method, lib):
    return [read_json(work / f"seed{s}" / method / "calibration.json")["applied"][lib]["weights"]["effective_sample_size"]
            for s in seeds]


for lib in libraries:
    coverage = {m: [library_metrics(s, m, lib)["metrics"]["coverage_90"] for s in seeds] for m in METHODS}
    gap = {m: [max(abs(g["coverage_90"] - 0.9) for g in library_metrics(s, m, lib)["groups"].values()) for s in seeds]
           for m in ("conformal", "weighted-conformal")}
    unbounded = [library_metrics(s, "weighted-conformal", lib)["metrics"]["unbounded_fraction"] for s in seeds]
    per_seed = {m: " (" + ", ".join(f"{c:.3f}" for c in coverage[m]) + ")" if len(seeds) > 1 else ""
                for m in ("weighted-conformal-clip20", "weighted-conformal")}
    print(f"| {lib} | {cell(coverage['conformal'])} | {cell(coverage['mondrian'])} "
          f"| {cell(coverage['weighted-conformal-clip20'])}{per_seed['weighted-conformal-clip20']} "
          f"| {cell(coverage['weighted-conformal'])}{per_seed['weighted-conformal']} "
          f"| {cell(gap['conformal'])} / {cell(gap['weighted-conformal'])} | {cell(unbounded)} "
          f"| {cell(ess('weighted-conformal-clip20', lib), 0)} / {cell(ess('weighted-conformal', lib), 0)} |")


print()
print("The label offset each library's normalisation leaves: mean(measured - true activity) of the library minus "
      "that of the training library, per seed (weighted conformal assumes the same activity for the same sequence in "
      "both libraries, an offset of 0):")
print()
print("| library | " + " | ".join(f"seed {s}" for s in seeds) + " |")
print("|---|" + "---|" * len(seeds))
for lib in libraries:
    print(f"| {lib} | " + " | ".join(f"{label_offset.offset(work, s, lib):.3f}" for s in seeds) + " |")
