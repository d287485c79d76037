"""The label offset of a simulated library in a run of the pipeline's benchmark, for bench/shift_table.py and
bench/controls_table.py."""
import csv
import functools
import statistics


@functools.lru_cache(maxsize=None)
def _level(run, lib):
    """The mean of measured minus true activity over a library's elements: the level its normalisation sets."""
    with open(run / "simulate" / lib / "truth.tsv") as f:
        truth = {r["id"]: float(r["activity_ct1"]) for r in csv.DictReader(f, delimiter="\t")}
    with open(run / "predict" / f"{lib}.predictions.tsv") as f:
        return statistics.mean(float(r["y"]) - truth[r["id"]] for r in csv.DictReader(f, delimiter="\t"))


def offset(work, seed, lib):
    """A library's level minus the training library's, in seed's pipeline run without priors (work/seed<seed>/plain):
    how far from the training library's normalisation its activities sit (0 when one normalisation fits both)."""
    run = work / f"seed{seed}" / "plain"
    return _level(run, lib) - _level(run, "train")
