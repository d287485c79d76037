package org.regshift.calibrate;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.IntStream;
import org.regshift.io.Json;
import org.regshift.metrics.Metrics;

/**
 * Weighted split conformal prediction under covariate shift (Tibshirani, Barber, Candès and Ramdas,
 * NeurIPS 2019). The calibration scores s_i = |y - mu| / sigma carry the density ratios w_i of test
 * to calibration inputs at their rows; a test row with ratio w gets the level-quantile q(w) of
 * sum_i w_i / (W + w) delta(s_i) + w / (W + w) delta(+Inf), W = sum_i w_i, and the interval
 * mu +- q(w) sigma; its variance is (q(w) sigma / z)^2 at the first level. With every weight 1 this
 * is split conformal.
 *
 * @param sortedScores      the calibration scores, ascending
 * @param cumulativeWeights the running sum of their (positive) weights in that order
 */
public record WeightedConformal(double[] levels, double[] sortedScores, double[] cumulativeWeights) implements Calibrator {

    public static WeightedConformal fit(double[] y, double[] mu, double[] var, double[] weights, double... levels) {
        if (y.length == 0) {
            throw new IllegalArgumentException("no calibration rows");
        }
        double[] scores = IntStream.range(0, y.length).mapToDouble(i -> Math.abs(y[i] - mu[i]) / Math.sqrt(var[i])).toArray();
        int[] order = IntStream.range(0, y.length).boxed().sorted((a, b) -> Double.compare(scores[a], scores[b]))
                .mapToInt(Integer::intValue).toArray();
        double[] sorted = new double[y.length];
        double[] cumulative = new double[y.length];
        double sum = 0;
        for (int k = 0; k < order.length; k++) {
            sorted[k] = scores[order[k]];
            if (!(weights[order[k]] > 0)) {
                throw new IllegalArgumentException("calibration weight " + weights[order[k]] + " is not positive");
            }
            sum += weights[order[k]];
            cumulative[k] = sum;
        }
        return new WeightedConformal(levels, sorted, cumulative);
    }

    /** The sum of the calibration weights. */
    public double totalWeight() {
        return cumulativeWeights[cumulativeWeights.length - 1];
    }

    /**
     * The quantile q(w): the smallest score whose cumulative weight reaches level (W + w); infinite
     * when only the test row's own point mass at +Inf would reach it.
     */
    public double threshold(double testWeight, double level) {
        double needed = level * (totalWeight() + testWeight);
        int k = Arrays.binarySearch(cumulativeWeights, needed); // strictly increasing: every weight is positive
        k = k < 0 ? -k - 1 : k;
        return k == sortedScores.length ? Double.POSITIVE_INFINITY : sortedScores[k];
    }

    @Override
    public double variance(double mean, double variance, RowContext row) {
        double ratio = threshold(row.weight(), levels[0]) / Metrics.zOf(levels[0]);
        return variance * ratio * ratio;
    }

    @Override
    public double[] interval(double mean, double variance, RowContext row, double level) {
        double half = threshold(row.weight(), level) * Math.sqrt(variance);
        return new double[] {mean - half, mean + half};
    }

    @Override
    public Map<String, Object> describe() {
        return Json.object("method", "weighted-conformal", "levels", levels, "calibration_rows", sortedScores.length,
                "total_weight", totalWeight());
    }
}
