package org.regshift.metrics;

import java.util.stream.IntStream;

/**
 * The rows of a table whose predictive variance is finite, and the metrics of a predictive
 * distribution's size and score over them (NLL, CRPS, ENCE, sharpness, the Gaussian interval's width
 * and interval score): a row whose calibrated interval is unbounded (var_total Inf) has no finite
 * value of any of them. Each is NaN when no row is bounded.
 *
 * @param rows how many rows the table has, bounded or not
 */
public record BoundedRows(double[] y, double[] mu, double[] var, int rows) {
    public static BoundedRows of(double[] y, double[] mu, double[] var) {
        int[] bounded = IntStream.range(0, var.length).filter(i -> Double.isFinite(var[i])).toArray();
        return new BoundedRows(PredictionTable.pick(y, bounded), PredictionTable.pick(mu, bounded), PredictionTable.pick(var, bounded),
                var.length);
    }

    /** The fraction of the table's rows that are unbounded. */
    public double unboundedFraction() {
        return 1 - (double) y.length / rows;
    }

    public double nll() {
        return y.length == 0 ? Double.NaN : Metrics.nll(y, mu, var);
    }

    public double crps() {
        return y.length == 0 ? Double.NaN : Metrics.crps(y, mu, var);
    }

    public double sharpness() {
        return y.length == 0 ? Double.NaN : Metrics.sharpness(var);
    }

    /** ENCE over {@code bins} bins; NaN with fewer bounded rows than bins. */
    public double ence(int bins) {
        return y.length < bins ? Double.NaN : Metrics.ence(y, mu, var, bins);
    }

    /** The mean width of the central Gaussian interval at a level. */
    public double meanWidth(double level) {
        return y.length == 0 ? Double.NaN : Metrics.meanWidth(var, level);
    }

    /** The interval score of the central Gaussian interval at a level. */
    public double intervalScore(double level) {
        return y.length == 0 ? Double.NaN : Metrics.intervalScore(y, mu, var, level);
    }
}
