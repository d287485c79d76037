package org.regshift.qc;

import java.util.regex.Pattern;

/**
 * The filters of the activity estimate, and its normalisation.
 *
 * @param controls the IDs of negative control elements to normalise activities to (null: each replicate's totals alone)
 */
public record QcParameters(long minDnaCount, long minRnaCount, OutlierRule outlier, double outlierThreshold,
                           int minBarcodes, Pattern controls) {
    public QcParameters {
        if (minDnaCount < 0 || minRnaCount < 0) {
            throw new IllegalArgumentException("count minima must be >= 0");
        }
        if (!(outlierThreshold > 0)) {
            throw new IllegalArgumentException("outlier threshold must be > 0");
        }
        if (minBarcodes < 1) {
            throw new IllegalArgumentException("min barcodes must be >= 1");
        }
    }

    /** +1 added to DNA counts only when zero DNA counts can pass the filter. */
    public long dnaPseudocount() {
        return minDnaCount == 0 ? 1 : 0;
    }

    /** +1 added to RNA counts only when zero RNA counts can pass the filter. */
    public long rnaPseudocount() {
        return minRnaCount == 0 ? 1 : 0;
    }
}
