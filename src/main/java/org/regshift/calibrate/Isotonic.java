package org.regshift.calibrate;

import java.util.Arrays;
import java.util.Map;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.regshift.io.Json;
import org.regshift.metrics.Metrics;

/**
 * Quantile recalibration (Kuleshov et al. 2018): the isotonic map R from the predicted CDF value
 * p = Phi((y - mu) / sigma) to the observed frequency of calibration PIT values <= p. The targets
 * of that regression (i / n at the i-th smallest p) are already monotone, so the isotonic fit is
 * the empirical CDF of the PIT values; it is kept as {@value #KNOTS} quantile knots. A recalibrated
 * central interval at level L runs between the predicted quantiles at R^-1((1 - L) / 2) and
 * R^-1((1 + L) / 2), so it may be asymmetric about the mean; the recalibrated variance is the one
 * whose symmetric Gaussian interval at the first level has the same width.
 */
public record Isotonic(double[] levels, double[] knots, double[] lowZ, double[] highZ) implements Calibrator {
    static final int KNOTS = 201;
    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

    public static Isotonic fit(double[] y, double[] mu, double[] var, double... levels) {
        if (y.length == 0) {
            throw new IllegalArgumentException("no calibration rows");
        }
        double[] pit = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            pit[i] = NORMAL.cumulativeProbability((y[i] - mu[i]) / Math.sqrt(var[i]));
        }
        Arrays.sort(pit);
        double[] knots = new double[KNOTS];
        for (int k = 0; k < KNOTS; k++) {
            knots[k] = quantile(pit, k / (double) (KNOTS - 1));
        }
        double[] low = new double[levels.length];
        double[] high = new double[levels.length];
        for (int k = 0; k < levels.length; k++) {
            low[k] = z(knots, (1 - levels[k]) / 2);
            high[k] = z(knots, (1 + levels[k]) / 2);
        }
        return new Isotonic(levels, knots, low, high);
    }

    /** Linear-interpolated quantile of sorted values (type 7). */
    private static double quantile(double[] sorted, double q) {
        double h = q * (sorted.length - 1);
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** R^-1(q) as a standard normal quantile, kept finite. */
    private static double z(double[] knots, double q) {
        double p = quantile(knots, q);
        return NORMAL.inverseCumulativeProbability(Math.min(1 - 1e-12, Math.max(1e-12, p)));
    }

    @Override
    public double variance(double mean, double variance, RowContext row) {
        double ratio = (highZ[0] - lowZ[0]) / (2 * Metrics.zOf(levels[0]));
        return variance * ratio * ratio;
    }

    @Override
    public double[] interval(double mean, double variance, RowContext row, double level) {
        int k = Calibrator.indexOf(levels, level);
        double sigma = Math.sqrt(variance);
        return new double[] {mean + lowZ[k] * sigma, mean + highZ[k] * sigma};
    }

    @Override
    public Map<String, Object> describe() {
        return Json.object("method", "isotonic", "levels", levels, "pit_quantile_knots", knots);
    }
}
