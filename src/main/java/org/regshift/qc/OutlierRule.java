package org.regshift.qc;

import java.util.Arrays;

/**
 * How barcodes with outlying RNA counts are removed within one element and replicate: by the
 * z-score (mean and sample standard deviation), by the robust z-score (median and 1.4826 x MAD),
 * or not at all. A barcode is an outlier when its score exceeds the threshold in absolute value.
 */
public enum OutlierRule {
    NONE, ZSCORE, MAD;

    private static final double MAD_TO_SD = 1.4826;

    /** Marks outliers among {@code values[0..n)} in {@code outlier}; returns how many there are. */
    public int flag(double[] values, int n, double threshold, boolean[] outlier) {
        Arrays.fill(outlier, 0, n, false);
        if (this == NONE || n < 3) {
            return 0;
        }
        double centre;
        double scale;
        if (this == ZSCORE) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += values[i];
            }
            centre = sum / n;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                ss += (values[i] - centre) * (values[i] - centre);
            }
            scale = Math.sqrt(ss / (n - 1));
        } else {
            double[] sorted = Arrays.copyOf(values, n);
            centre = median(sorted);
            for (int i = 0; i < n; i++) {
                sorted[i] = Math.abs(values[i] - centre);
            }
            scale = MAD_TO_SD * median(sorted);
        }
        if (!(scale > 0)) {
            return 0;
        }
        int flagged = 0;
        for (int i = 0; i < n; i++) {
            if (Math.abs(values[i] - centre) / scale > threshold) {
                outlier[i] = true;
                flagged++;
            }
        }
        return flagged;
    }

    /** The median of {@code values}, which it sorts in place. */
    static double median(double[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
    }
}
