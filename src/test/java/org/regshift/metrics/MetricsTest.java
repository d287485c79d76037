package org.regshift.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/** Each metric against values worked out by hand (in the comments) on three rows. */
class MetricsTest {
    private static final double[] Y = {1, 2, 3};
    private static final double[] MU = {1.5, 2, 2};
    private static final double[] VAR = {1, 4, 0.25};
    private static final double Z90 = 1.6448536269514722;
    private static final double EPS = 1e-6;

    @Test
    void spearmanAgreesWithCommonsMathOnLargeInputsWithTies() {
        java.util.Random random = new java.util.Random(9);
        double[] x = new double[50_000];
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextInt(300);
            y[i] = x[i] + random.nextGaussian() * 100;
        }
        assertThat(Metrics.spearman(x, y)).isCloseTo(
                new org.apache.commons.math3.stat.correlation.SpearmansCorrelation().correlation(x, y), within(1e-12));
    }

    @Test
    void accuracy() {
        // errors -0.5, 0, 1: squared mean 1.25 / 3
        assertThat(Metrics.rmse(Y, MU)).isCloseTo(Math.sqrt(1.25 / 3), within(EPS));
        assertThat(Metrics.mae(Y, MU)).isCloseTo(0.5, within(EPS));
        // SS_tot = 2, SS_res = 1.25
        assertThat(Metrics.r2(Y, MU)).isCloseTo(0.375, within(EPS));
        // cov 0.5 / (sqrt 2 * sqrt(1/6))
        assertThat(Metrics.pearson(Y, MU)).isCloseTo(0.5 / (Math.sqrt(2) * Math.sqrt(1.0 / 6)), within(EPS));
        // ranks of mu with a tie: 1, 2.5, 2.5
        assertThat(Metrics.spearman(Y, MU)).isCloseTo(1.5 / (Math.sqrt(2) * Math.sqrt(1.5)), within(EPS));
    }

    @Test
    void likelihoodAndScores() {
        double nll = (0.5 * Math.log(2 * Math.PI) + 0.125 + 0.5 * Math.log(2 * Math.PI * 4)
                + 0.5 * Math.log(2 * Math.PI * 0.25) + 2) / 3;
        assertThat(Metrics.nll(Y, MU, VAR)).isCloseTo(nll, within(EPS));
        assertThat(Metrics.crps(Y, MU, VAR)).isCloseTo(crpsByIntegration(), within(1e-5));
        assertThat(Metrics.coverage(Y, MU, VAR, 0.9)).isCloseTo(2.0 / 3, within(EPS));
        assertThat(Metrics.meanWidth(VAR, 0.9)).isCloseTo(2 * Z90 * 3.5 / 3, within(EPS));
        // third row: upper bound 2 + 0.5 z, so a penalty 20 (3 - upper)
        double third = Z90 + 20 * (3 - (2 + 0.5 * Z90));
        assertThat(Metrics.intervalScore(Y, MU, VAR, 0.9)).isCloseTo((2 * Z90 + 4 * Z90 + third) / 3, within(EPS));
        assertThat(Metrics.sharpness(VAR)).isCloseTo(Math.sqrt(1.75), within(EPS));
    }

    @Test
    void intervalsGivenByTheirBoundsMayBeAsymmetricAndUnbounded() {
        // y 1, 2, 3 in [0, 1.5] (inside, on the bound), [2.5, 4] (below by 0.5), [-Inf, 2] (above by 1)
        Bounds b = new Bounds(new double[] {0, 2.5, Double.NEGATIVE_INFINITY}, new double[] {1.5, 4, 2});
        assertThat(Metrics.coverage(Y, b)).isCloseTo(1.0 / 3, within(EPS));
        // the unbounded third interval is left out of width and interval score
        assertThat(Metrics.meanWidth(b)).isCloseTo(1.5, within(EPS));
        assertThat(Metrics.intervalScore(Y, b, 0.9)).isCloseTo((1.5 + 1.5 + 10) / 2, within(EPS));
        assertThat(Metrics.meanWidth(new Bounds(new double[] {Double.NEGATIVE_INFINITY}, new double[] {0}))).isNaN();
        Bounds finite = new Bounds(new double[] {0, 2.5, 1}, new double[] {1.5, 4, 2});
        assertThat(Metrics.meanWidth(finite)).isCloseTo(4.0 / 3, within(EPS));
        // widths 1.5, 1.5, 1; penalties 20 x 0.5 and 20 x 1
        assertThat(Metrics.intervalScore(Y, finite, 0.9)).isCloseTo((1.5 + 1.5 + 10 + 1 + 20) / 3, within(EPS));
        assertThatThrownBy(() -> Metrics.coverage(Y, new Bounds(new double[] {0, 3, 0}, new double[] {1, 2, 1})))
                .hasMessageContaining("row 2: interval [3.0, 2.0] is not an interval");
    }

    @Test
    void calibration() {
        // normalised |residuals| 0.5, 0, 2: y = mu in row 2, so 1/3 inside the zero-width interval at p = 0
        double[][] curve = Metrics.calibrationCurve(Y, MU, VAR, 3);
        assertThat(curve[0]).containsExactly(new double[] {0, 0.5, 1}, within(EPS));
        assertThat(curve[1]).containsExactly(new double[] {1.0 / 3, 2.0 / 3, 1}, within(EPS));
        assertThat(Metrics.mace(curve)).isCloseTo((1.0 / 3 + 1.0 / 6) / 3, within(EPS));
        assertThat(Metrics.rmsce(curve)).isCloseTo(Math.sqrt((1.0 / 9 + 1.0 / 36) / 3), within(EPS));
        // above the diagonal on both segments: trapezoids (1/3 + 1/6) / 2 x 0.5 and (1/6 + 0) / 2 x 0.5
        assertThat(Metrics.miscalibrationArea(curve)).isCloseTo(0.125 + 1.0 / 24, within(EPS));
        // crossing the diagonal at x = 0.5: two triangles of base 0.5 and height 0.5 (0.125 each), not the trapezoid 0.5
        assertThat(Metrics.miscalibrationArea(new double[][] {{0, 1}, {0.5, 0.5}})).isCloseTo(0.25, within(EPS));
        assertThat(Metrics.calibrationCurve(Y, MU, VAR, 100)[0]).hasSize(100).startsWith(0.0).endsWith(1.0);
        assertThat(Metrics.quantileCalibrationCurve(Y, MU, VAR, 3)[1]).containsExactly(new double[] {0, 2.0 / 3, 1}, within(EPS));
        // one row per bin, by sigma: |0.5 - 1| / 0.5, |1 - 0.5| / 1, |2 - 0| / 2
        assertThat(Metrics.ence(Y, MU, VAR, 3)).isCloseTo(2.5 / 3, within(EPS));
    }

    @Test
    void anInfiniteVarianceIsTheLimitOfAGrowingOne() {
        // row 3 (|residual| 2 on sigma 0.5, outside every interval below 95%) made unbounded: covered at every level, PIT 0.5
        double[] var = {1, 4, Double.POSITIVE_INFINITY};
        assertThat(Metrics.coverage(Y, MU, var, 0.9)).isEqualTo(1.0);
        assertThat(Metrics.calibrationCurve(Y, MU, var, 3)[1]).containsExactly(new double[] {2.0 / 3, 1, 1}, within(EPS));
        assertThat(Metrics.quantileCalibrationCurve(Y, MU, var, 3)[1]).containsExactly(new double[] {0, 1, 1}, within(EPS));
        assertThatThrownBy(() -> Metrics.nll(Y, MU, var)).hasMessage("row 3: variance Infinity is not a positive finite number");
        BoundedRows bounded = BoundedRows.of(Y, MU, var);
        assertThat(bounded.unboundedFraction()).isCloseTo(1.0 / 3, within(EPS));
        assertThat(bounded.nll()).isEqualTo(Metrics.nll(new double[] {1, 2}, new double[] {1.5, 2}, new double[] {1, 4}));
        assertThat(bounded.meanWidth(0.9)).isCloseTo(2 * Z90 * 1.5, within(EPS));
        assertThat(bounded.ence(3)).as("fewer bounded rows than bins").isNaN();
        BoundedRows none = BoundedRows.of(new double[] {1}, new double[] {0}, new double[] {Double.POSITIVE_INFINITY});
        assertThat(new double[] {none.nll(), none.crps(), none.sharpness(), none.intervalScore(0.9)}).containsOnly(Double.NaN);
        assertThat(none.unboundedFraction()).isEqualTo(1.0);
    }

    @Test
    void edgeCases() {
        assertThat(Metrics.pearson(new double[] {1}, new double[] {2})).isNaN();
        assertThat(Metrics.rmse(new double[] {1}, new double[] {3})).isEqualTo(2.0);
        assertThat(Metrics.r2(new double[] {1, 1}, new double[] {1, 2})).isNaN();
        assertThatThrownBy(() -> Metrics.nll(Y, MU, new double[] {1, 0, 1})).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row 2: variance 0.0 is not a positive finite number");
        assertThatThrownBy(() -> Metrics.rmse(new double[] {1, Double.NaN}, new double[] {1, 2}))
                .hasMessage("row 2: target and mean must be finite numbers");
        assertThatThrownBy(() -> Metrics.rmse(new double[0], new double[0])).hasMessage("no rows to evaluate");
        assertThatThrownBy(() -> Metrics.coverage(Y, MU, VAR, 1.0)).hasMessageContaining("outside (0, 1)");
        assertThatThrownBy(() -> Metrics.ence(Y, MU, VAR, 4)).hasMessageContaining("between 1 and 3 bins");
    }

    /** CRPS = integral of (F(x) - 1[x >= y])^2 dx, by the trapezoid rule, averaged over the rows. */
    private static double crpsByIntegration() {
        double total = 0;
        for (int i = 0; i < Y.length; i++) {
            double sigma = Math.sqrt(VAR[i]);
            NormalDistribution f = new NormalDistribution(MU[i], sigma);
            double from = MU[i] - 12 * sigma - Math.abs(Y[i]);
            double to = MU[i] + 12 * sigma + Math.abs(Y[i]);
            int steps = 400_000;
            double h = (to - from) / steps;
            double sum = 0;
            for (int k = 0; k <= steps; k++) {
                double x = from + k * h;
                double d = f.cumulativeProbability(x) - (x >= Y[i] ? 1 : 0);
                sum += (k == 0 || k == steps ? 0.5 : 1) * d * d;
            }
            total += sum * h;
        }
        return total / Y.length;
    }
}
