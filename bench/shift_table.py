"""Prints the simulator-suite tables of README from the runs of bench/shift_table.sh."""
import json
import sys
from pathlib import Path

work = Path(sys.argv[1])


def metrics(run, kind):
    return json.loads((work / run / kind / "metrics.json").read_text())["scenarios"]


plain, raw, priors = metrics("plain", "evaluate"), metrics("plain", "evaluate_raw"), metrics("priors", "evaluate")
print("| library | Pearson | Pearson, priors | RMSE vs reference | NLL (conformal) | 90% coverage raw | 90% coverage conformal "
      "| MACE raw | risk at 50% / 100% coverage |")
print("|---|---|---|---|---|---|---|---|---|")
for name, entry in plain.items():
    m, r, p = entry["metrics"], raw[name]["metrics"], priors[name]["metrics"]
    print(f"| {name} | {m['pearson']:.3f} | {p['pearson']:.3f} | {entry['ratio_to_reference']['rmse']:.2f}x "
          f"| {m['nll']:.3f} | {r['coverage_90']:.3f} | {m['coverage_90']:.3f} | {r['mace']:.3f} "
          f"| {m['risk_at_50']:.3f} / {m['risk_at_100']:.3f} |")

print()
print("| gc_shift library | method | 90% coverage | coverage per GC bin (low to high) | worst bin's gap to 0.9 |")
print("|---|---|---|---|---|")
for lib in sorted({d.name.split("_", 2)[2] for d in work.glob("gc_conformal_gc_shift_*")}):
    for method in ("conformal", "mondrian"):
        s = json.loads((work / f"gc_{method}_{lib}" / "metrics.json").read_text())["scenarios"][lib]
        bins = [g["coverage_90"] for g in s["groups"].values()]
        worst = max(abs(b - 0.9) for b in bins)
        print(f"| {lib} | {method} | {s['metrics']['coverage_90']:.3f} | {' / '.join(f'{b:.3f}' for b in bins)} "
              f"| {worst:.3f} |")
