"""Prints the simulator-suite tables of README from the runs of bench/shift_table.sh: mean and SD over seeds."""
import json
import statistics
import sys
from pathlib import Path

work = Path(sys.argv[1])
seeds = sys.argv[2:]
METHODS = ("conformal", "mondrian", "weighted-conformal", "weighted-conformal-clip1000")


def scenarios(seed, run, kind):
    return json.loads((work / f"seed{seed}" / run / kind / "metrics.json").read_text())["scenarios"]


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
print("Split, Mondrian (GC bins) and weighted conformal, fitted on the training library's calibration split:")
print()
print("| library | method | 90% coverage | worst GC bin's gap to 0.9 | mean width (bounded) | unbounded | effective sample size |")
print("|---|---|---|---|---|---|---|")
libraries = sorted(p.name[len("conformal_"):] for p in (work / f"seed{seeds[0]}").glob("conformal_*") if p.is_dir())
for lib in libraries:
    for method in METHODS:
        coverage, gap, width, unbounded, ess = [], [], [], [], []
        for s in seeds:
            m = json.loads((work / f"seed{s}" / f"{method}_{lib}" / "metrics.json").read_text())["scenarios"][lib]
            coverage.append(m["metrics"]["coverage_90"])
            width.append(m["metrics"]["width_90"])
            unbounded.append(m["metrics"]["unbounded_fraction"])
            gap.append(max(abs(g["coverage_90"] - 0.9) for g in m["groups"].values()))
            if method.startswith("weighted-conformal"):
                applied = json.loads((work / f"seed{s}" / method / "calibration.json").read_text())["applied"][lib]
                ess.append(applied["weights"]["effective_sample_size"])
        print(f"| {lib} | {method} | {cell(coverage)} | {cell(gap)} | {cell(width)} | {cell(unbounded)} "
              f"| {cell(ess, 0) if ess else '-'} |")
