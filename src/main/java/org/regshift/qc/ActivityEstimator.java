package org.regshift.qc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The activity estimator. Per replicate r, with the barcodes that passed the filters:
 * {@code a_r = log2( mean_b(RNA_b / RNA_total_r) / mean_b(DNA_b / DNA_total_r) )}, CPM-normalised
 * by the replicate's kept totals; the element's activity is the mean of a_r over replicates and
 * {@code activity_se} their standard error. An element needs every replicate.
 */
final class ActivityEstimator {
    static final String DESCRIPTION = "per replicate: log2 of the CPM-normalised per-barcode mean RNA over the "
            + "CPM-normalised per-barcode mean DNA, over barcodes passing the count minima and outlier filter "
            + "(CPM by the replicate's kept totals; +1 pseudocount only where a minimum is 0); element activity = "
            + "mean over replicates, activity_se = their standard deviation / sqrt(replicates); an element needs "
            + "--min-barcodes barcodes in every replicate (element-level tables: counts above the minima; MPRAflow's "
            + "per-replicate tables: MPRAflow's log2(rna_count / dna_count) of its normalised values, n_obs_bc barcodes); "
            + "with --controls, each replicate's values minus the median of the controls that every replicate measured";

    private final QcParameters params;
    private final boolean barcodeLevel;

    /** {@code barcodeLevel}: the table counts each element's barcodes, so --min-barcodes applies. */
    ActivityEstimator(QcParameters params, boolean barcodeLevel) {
        this.params = params;
        this.barcodeLevel = barcodeLevel;
    }

    List<ElementActivity> estimate(CountSummary summary) {
        int reps = summary.tallies().size();
        double[] offset = new double[reps];
        for (int r = 0; r < reps; r++) {
            ReplicateTally t = summary.tallies().get(r);
            offset[r] = log2((double) t.keptDnaTotal / t.keptRnaTotal);
        }
        int needed = barcodeLevel ? params.minBarcodes() : 1;
        List<ElementActivity> out = new ArrayList<>(summary.elements().size());
        for (ElementCounts e : summary.elements()) {
            double[] a = new double[reps];
            boolean complete = true;
            for (int r = 0; r < reps; r++) {
                if (e.kept[r] >= needed) {
                    a[r] = e.normalisedRatio != null ? log2(e.normalisedRatio[r]) : log2((double) e.rnaSum[r] / e.dnaSum[r]) + offset[r];
                } else {
                    a[r] = Double.NaN;
                    complete = false;
                }
            }
            DropReason dropped = null;
            if (e.missingSequence) {
                dropped = DropReason.MISSING_SEQUENCE;
            } else if (!complete) {
                dropped = barcodeLevel ? DropReason.TOO_FEW_BARCODES : DropReason.LOW_COUNTS;
            }
            out.add(of(e, a, dropped));
        }
        return out;
    }

    /** An element's activity from its per-replicate values: their mean and standard error, if every replicate measured it. */
    static ElementActivity of(ElementCounts e, double[] replicates, DropReason dropped) {
        boolean complete = Arrays.stream(replicates).allMatch(Double::isFinite);
        return new ElementActivity(e, replicates, complete ? mean(replicates) : Double.NaN,
                complete ? standardError(replicates) : Double.NaN, dropped);
    }

    private static double mean(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s / a.length;
    }

    private static double standardError(double[] a) {
        if (a.length < 2) {
            return Double.NaN;
        }
        double m = mean(a);
        double ss = 0;
        for (double v : a) {
            ss += (v - m) * (v - m);
        }
        return Math.sqrt(ss / (a.length - 1)) / Math.sqrt(a.length);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
