package org.regshift.metrics;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;

/**
 * Accuracy, likelihood and calibration metrics of Gaussian predictions (mean mu, variance var) of
 * targets y. Inputs must be finite and of one length; variances must be positive: anything else is
 * an {@link IllegalArgumentException}, for the caller to report against its file. Definitions follow
 * uncertainty-toolbox (Chung et al. 2021) where it has them, and Levi et al. (2022) for ENCE.
 */
public final class Metrics {
    private static final NormalDistribution NORMAL = new NormalDistribution();
    private static final double SQRT_PI = Math.sqrt(Math.PI);

    private Metrics() {
    }

    public static double rmse(double[] y, double[] mu) {
        check(y, mu, null);
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += (y[i] - mu[i]) * (y[i] - mu[i]);
        }
        return Math.sqrt(s / y.length);
    }

    public static double mae(double[] y, double[] mu) {
        check(y, mu, null);
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += Math.abs(y[i] - mu[i]);
        }
        return s / y.length;
    }

    /**
     * Pearson's r over the pairs where both values are finite: the one Pearson of RegShift (QC,
     * training's validation, evaluate, variants). NaN for fewer than 3 such pairs or a constant input.
     */
    public static double pearson(double[] x, double[] y) {
        double[][] xy = Summary.finitePairs(x, y);
        return xy[0].length < 3 ? Double.NaN : new PearsonsCorrelation().correlation(xy[0], xy[1]);
    }

    /** Spearman's rho (average ranks for ties) over the pairs where both values are finite; NaN as {@link #pearson}. */
    public static double spearman(double[] x, double[] y) {
        double[][] xy = Summary.finitePairs(x, y);
        return xy[0].length < 3 ? Double.NaN : new PearsonsCorrelation().correlation(ranks(xy[0]), ranks(xy[1]));
    }

    /**
     * Ranks 1..n, tied values sharing their average rank: the values are sorted together with
     * their row numbers (a three-way quicksort on two primitive arrays, so 10 million values take
     * about a second), then each run of equal values gets its average rank.
     */
    static double[] ranks(double[] x) {
        double[] values = x.clone();
        int[] rows = new int[x.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        sortTogether(values, rows, 0, values.length - 1);
        double[] r = new double[x.length];
        for (int from = 0; from < values.length;) {
            int to = from;
            while (to + 1 < values.length && values[to + 1] == values[from]) {
                to++;
            }
            double rank = (from + to) / 2.0 + 1;
            for (int k = from; k <= to; k++) {
                r[rows[k]] = rank;
            }
            from = to + 1;
        }
        return r;
    }

    /** Sorts values[lo..hi] ascending, moving rows along (three-way partitions, so ties cost nothing). */
    private static void sortTogether(double[] values, int[] rows, int lo, int hi) {
        while (hi - lo > 16) {
            double pivot = median(values[lo], values[(lo + hi) >>> 1], values[hi]);
            int lt = lo;
            int gt = hi;
            int i = lo;
            while (i <= gt) {
                if (values[i] < pivot) {
                    swap(values, rows, lt++, i++);
                } else if (values[i] > pivot) {
                    swap(values, rows, i, gt--);
                } else {
                    i++;
                }
            }
            if (lt - lo < hi - gt) {
                sortTogether(values, rows, lo, lt - 1);
                lo = gt + 1;
            } else {
                sortTogether(values, rows, gt + 1, hi);
                hi = lt - 1;
            }
        }
        for (int i = lo + 1; i <= hi; i++) {
            for (int j = i; j > lo && values[j - 1] > values[j]; j--) {
                swap(values, rows, j, j - 1);
            }
        }
    }

    private static double median(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    private static void swap(double[] values, int[] rows, int i, int j) {
        double v = values[i];
        values[i] = values[j];
        values[j] = v;
        int r = rows[i];
        rows[i] = rows[j];
        rows[j] = r;
    }

    /** The first index of a sorted array whose value is at least {@code v} (the length if none). */
    private static int firstAtLeast(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The fraction of a sorted array at or below {@code v}. */
    private static double fractionAtMost(double[] sorted, double v) {
        return firstAtLeast(sorted, Math.nextUp(v)) / (double) sorted.length;
    }

    /** |y - mu| / sigma of every row, sorted. */
    private static double[] sortedAbsoluteScores(double[] y, double[] mu, double[] var) {
        double[] s = new double[y.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.abs(y[i] - mu[i]) / Math.sqrt(var[i]);
        }
        Arrays.sort(s);
        return s;
    }

    /** Coefficient of determination 1 - SS_res / SS_tot; NaN when y is constant. */
    public static double r2(double[] y, double[] mu) {
        check(y, mu, null);
        double mean = Arrays.stream(y).average().orElseThrow();
        double res = 0;
        double tot = 0;
        for (int i = 0; i < y.length; i++) {
            res += (y[i] - mu[i]) * (y[i] - mu[i]);
            tot += (y[i] - mean) * (y[i] - mean);
        }
        return tot == 0 ? Double.NaN : 1 - res / tot;
    }

    /** Mean Gaussian negative log-likelihood, 0.5 log(2 pi var) + (y - mu)^2 / (2 var). */
    public static double nll(double[] y, double[] mu, double[] var) {
        check(y, mu, var);
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += 0.5 * Math.log(2 * Math.PI * var[i]) + (y[i] - mu[i]) * (y[i] - mu[i]) / (2 * var[i]);
        }
        return s / y.length;
    }

    /** Mean CRPS of the Gaussian, closed form: sigma (z (2 Phi(z) - 1) + 2 phi(z) - 1 / sqrt(pi)). */
    public static double crps(double[] y, double[] mu, double[] var) {
        check(y, mu, var);
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double sigma = Math.sqrt(var[i]);
            double z = (y[i] - mu[i]) / sigma;
            s += sigma * (z * (2 * NORMAL.cumulativeProbability(z) - 1) + 2 * NORMAL.density(z) - 1 / SQRT_PI);
        }
        return s / y.length;
    }

    /** The last level asked of {@link #zOf} and its answer: callers ask per row, for one level. */
    private record LevelZ(double level, double z) {
    }

    private static volatile LevelZ lastZ = new LevelZ(0.9, NORMAL.inverseCumulativeProbability(0.95));

    /** Half-width of the central interval of probability {@code level}, in standard deviations. */
    public static double zOf(double level) {
        LevelZ last = lastZ;
        if (last.level() == level) {
            return last.z();
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level " + level + " is outside (0, 1)");
        }
        double z = NORMAL.inverseCumulativeProbability(0.5 + level / 2);
        lastZ = new LevelZ(level, z);
        return z;
    }

    /** Fraction of targets inside the central Gaussian interval of probability {@code level}. */
    public static double coverage(double[] y, double[] mu, double[] var, double level) {
        check(y, mu, var, true);
        double z = zOf(level);
        int inside = 0;
        for (int i = 0; i < y.length; i++) {
            inside += Math.abs(y[i] - mu[i]) <= z * Math.sqrt(var[i]) ? 1 : 0;
        }
        return (double) inside / y.length;
    }

    /** Mean width of the central Gaussian interval of probability {@code level}. */
    public static double meanWidth(double[] var, double level) {
        double z = zOf(level);
        double s = 0;
        for (double v : var) {
            positive(v);
            s += 2 * z * Math.sqrt(v);
        }
        return s / var.length;
    }

    /**
     * Mean interval (Winkler) score of the central interval of probability {@code level}:
     * width + (2 / alpha) x the distance by which y falls outside it, alpha = 1 - level.
     */
    public static double intervalScore(double[] y, double[] mu, double[] var, double level) {
        check(y, mu, var);
        double z = zOf(level);
        double alpha = 1 - level;
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double half = z * Math.sqrt(var[i]);
            double lower = mu[i] - half;
            double upper = mu[i] + half;
            s += upper - lower + (2 / alpha) * (Math.max(0, lower - y[i]) + Math.max(0, y[i] - upper));
        }
        return s / y.length;
    }

    /** Fraction of targets inside the given intervals (bounds may be infinite). */
    public static double coverage(double[] y, Bounds b) {
        double[] lower = b.lower();
        double[] upper = b.upper();
        checkBounds(y, lower, upper);
        int inside = 0;
        for (int i = 0; i < y.length; i++) {
            inside += y[i] >= lower[i] && y[i] <= upper[i] ? 1 : 0;
        }
        return (double) inside / y.length;
    }

    /** Mean width of the bounded intervals among the given ones (NaN when none is bounded). */
    public static double meanWidth(Bounds b) {
        double[] lower = b.lower();
        double[] upper = b.upper();
        double s = 0;
        int bounded = 0;
        for (int i = 0; i < lower.length; i++) {
            if (Double.isFinite(upper[i] - lower[i])) {
                s += upper[i] - lower[i];
                bounded++;
            }
        }
        return s / bounded;
    }

    /**
     * Mean interval (Winkler) score of the bounded intervals among the given ones, of probability
     * {@code level} (NaN when none is bounded).
     */
    public static double intervalScore(double[] y, Bounds b, double level) {
        double[] lower = b.lower();
        double[] upper = b.upper();
        checkBounds(y, lower, upper);
        double alpha = 1 - level;
        double s = 0;
        int bounded = 0;
        for (int i = 0; i < y.length; i++) {
            if (Double.isFinite(upper[i] - lower[i])) {
                s += upper[i] - lower[i] + (2 / alpha) * (Math.max(0, lower[i] - y[i]) + Math.max(0, y[i] - upper[i]));
                bounded++;
            }
        }
        return s / bounded;
    }

    private static void checkBounds(double[] y, double[] lower, double[] upper) {
        if (lower.length != y.length || upper.length != y.length) {
            throw new IllegalArgumentException("targets and interval bounds differ in length");
        }
        for (int i = 0; i < y.length; i++) {
            if (Double.isNaN(lower[i]) || Double.isNaN(upper[i]) || lower[i] > upper[i]) {
                throw new IllegalArgumentException("row " + (i + 1) + ": interval [" + lower[i] + ", " + upper[i]
                        + "] is not an interval");
            }
        }
    }

    /** Sharpness: the root mean predicted variance. */
    public static double sharpness(double[] var) {
        double s = 0;
        for (double v : var) {
            positive(v);
            s += v;
        }
        return Math.sqrt(s / var.length);
    }

    /**
     * The interval calibration curve as uncertainty-toolbox computes it: for {@code bins} expected
     * proportions p on linspace(0, 1, bins), the observed fraction of targets inside the central
     * interval of probability p (p = 0: y equal to the mean; p = 1: every target).
     */
    public static double[][] calibrationCurve(double[] y, double[] mu, double[] var, int bins) {
        check(y, mu, var, true);
        double[] scores = sortedAbsoluteScores(y, mu, var);
        double[] expected = new double[bins];
        double[] observed = new double[bins];
        for (int b = 0; b < bins; b++) {
            expected[b] = grid(b, bins);
            observed[b] = fractionAtMost(scores, expected[b] == 0 ? 0 : expected[b] == 1 ? Double.POSITIVE_INFINITY
                    : zOf(expected[b]));
        }
        return new double[][] {expected, observed};
    }

    /**
     * The quantile calibration curve (Kuleshov et al. 2018): for {@code bins} probabilities p on
     * linspace(0, 1, bins), the observed fraction of targets at or below the predicted p-quantile.
     */
    public static double[][] quantileCalibrationCurve(double[] y, double[] mu, double[] var, int bins) {
        check(y, mu, var, true);
        double[] residuals = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            residuals[i] = (y[i] - mu[i]) / Math.sqrt(var[i]);
        }
        Arrays.sort(residuals);
        double[] expected = new double[bins];
        double[] observed = new double[bins];
        for (int b = 0; b < bins; b++) {
            expected[b] = grid(b, bins);
            observed[b] = fractionAtMost(residuals, NORMAL.inverseCumulativeProbability(expected[b]));
        }
        return new double[][] {expected, observed};
    }

    /** The b-th of {@code bins} points of numpy's linspace(0, 1, bins); 0.5 for a single point. */
    private static double grid(int b, int bins) {
        return bins == 1 ? 0.5 : (double) b / (bins - 1);
    }

    /** Mean absolute calibration error over the curve. */
    public static double mace(double[][] curve) {
        double s = 0;
        for (int b = 0; b < curve[0].length; b++) {
            s += Math.abs(curve[1][b] - curve[0][b]);
        }
        return s / curve[0].length;
    }

    /** Root mean squared calibration error over the curve. */
    public static double rmsce(double[][] curve) {
        double s = 0;
        for (int b = 0; b < curve[0].length; b++) {
            s += (curve[1][b] - curve[0][b]) * (curve[1][b] - curve[0][b]);
        }
        return Math.sqrt(s / curve[0].length);
    }

    /**
     * The exact area between the piecewise-linear calibration curve and the diagonal, as
     * uncertainty-toolbox's polygon computes it: a segment that crosses the diagonal counts as two
     * triangles, not as a trapezoid of absolute values.
     */
    public static double miscalibrationArea(double[][] curve) {
        double area = 0;
        for (int b = 1; b < curve[0].length; b++) {
            double left = curve[1][b - 1] - curve[0][b - 1];
            double right = curve[1][b] - curve[0][b];
            double width = curve[0][b] - curve[0][b - 1];
            double sum = Math.abs(left) + Math.abs(right);
            area += left * right >= 0 ? width * sum / 2 : width * (left * left + right * right) / (2 * sum);
        }
        return area;
    }

    /**
     * Expected normalised calibration error (Levi et al. 2022): rows sorted by predicted sigma into
     * {@code bins} bins of (nearly) equal size; the mean over bins of |RMV - RMSE| / RMV, with RMV
     * the root mean variance and RMSE the root mean squared error in the bin.
     */
    public static double ence(double[] y, double[] mu, double[] var, int bins) {
        check(y, mu, var);
        if (bins < 1 || bins > y.length) {
            throw new IllegalArgumentException("ENCE needs between 1 and " + y.length + " bins, not " + bins);
        }
        int[] order = Selective.order(var);
        double sum = 0;
        for (int b = 0; b < bins; b++) {
            int from = (int) ((long) b * y.length / bins);
            int to = (int) ((long) (b + 1) * y.length / bins);
            double mv = 0;
            double mse = 0;
            for (int k = from; k < to; k++) {
                int i = order[k];
                mv += var[i];
                mse += (y[i] - mu[i]) * (y[i] - mu[i]);
            }
            double rmv = Math.sqrt(mv / (to - from));
            sum += Math.abs(rmv - Math.sqrt(mse / (to - from))) / rmv;
        }
        return sum / bins;
    }

    private static void check(double[] y, double[] mu, double[] var) {
        check(y, mu, var, false);
    }

    /**
     * With {@code unbounded}, a variance may be +Inf (an unbounded interval): what counts then is the
     * limit as the variance grows, a row covered at every level whose PIT value is 0.5.
     */
    private static void check(double[] y, double[] mu, double[] var, boolean unbounded) {
        if (y.length == 0) {
            throw new IllegalArgumentException("no rows to evaluate");
        }
        if (mu.length != y.length || (var != null && var.length != y.length)) {
            throw new IllegalArgumentException("targets, means and variances differ in length");
        }
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i]) || !Double.isFinite(mu[i])) {
                throw new IllegalArgumentException("row " + (i + 1) + ": target and mean must be finite numbers");
            }
            if (var != null && !(var[i] > 0 && (unbounded || Double.isFinite(var[i])))) {
                throw new IllegalArgumentException("row " + (i + 1) + ": variance " + var[i] + " is not a positive finite number");
            }
        }
    }

    private static void positive(double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException("variance " + v + " is not a positive finite number");
        }
    }
}
