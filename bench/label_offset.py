"""The label offset of a simulated library in a run of the pipeline's benchmark, for bench/shift_table.py and
bench/controls_table.py."""
import csv
import statistics


def offset(run, lib):
    """The mean of measured minus true activity over a library's elements (run: a pipeline --outdir): the level its
    normalisation sets."""
    with open(run / "simulate" / lib / "truth.tsv") as f:
        truth = {r["id"]: float(r["activity_ct1"]) for r in csv.DictReader(f, delimiter="\t")}
    with open(run / "predict" / f"{lib}.predictions.tsv") as f:
        return statistics.mean(float(r["y"]) - truth[r["id"]] for r in csv.DictReader(f, delimiter="\t"))
