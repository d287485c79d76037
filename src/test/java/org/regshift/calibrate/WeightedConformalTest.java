package org.regshift.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.regshift.simulate.Draws;

/**
 * Weighted conformal on a covariate shift whose truth is known: calibration inputs x ~ N(0, 1),
 * test inputs x ~ N(1, 1) (density ratio exp(x - 1/2)), noise SD exp(x / 2) while the model
 * predicts variance 1 everywhere; split conformal then under-covers the test rows.
 */
class WeightedConformalTest {
    private static final int REPETITIONS = 100;
    private static final int N = 1000;

    private record Data(double[] x, double[] y, double[] mu, double[] var) {
        static Data draw(Draws d, int n, double shift) {
            double[] x = new double[n];
            double[] y = new double[n];
            double[] var = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = shift + d.normal();
                y[i] = Math.exp(x[i] / 2) * d.normal();
                var[i] = 1;
            }
            return new Data(x, y, new double[n], var);
        }

        double[][] features() {
            return Arrays.stream(x).mapToObj(v -> new double[] {v}).toArray(double[][]::new);
        }

        double coverage(Calibrator c, DensityRatio ratio) {
            int inside = 0;
            for (int i = 0; i < y.length; i++) {
                RowContext row = new RowContext("", ratio == null ? 1 : ratio.weight(new double[] {x[i]}));
                double[] interval = c.interval(mu[i], var[i], row, 0.9);
                inside += y[i] >= interval[0] && y[i] <= interval[1] ? 1 : 0;
            }
            return (double) inside / y.length;
        }
    }

    @Test
    void withUnitWeightsItIsSplitConformal() {
        Draws d = new Draws(3);
        Data cal = Data.draw(d, 237, 0);
        double[] ones = new double[237];
        Arrays.fill(ones, 1);
        WeightedConformal w = WeightedConformal.fit(cal.y(), cal.mu(), cal.var(), ones, 0.9, 0.5);
        Conformal c = Conformal.fit(cal.y(), cal.mu(), cal.var(), 0.9, 0.5);
        for (double level : new double[] {0.9, 0.5}) {
            assertThat(w.interval(0, 1, new RowContext("", 1), level)).containsExactly(c.interval(0, 1, RowContext.NONE, level));
        }
    }

    @Test
    void theDensityRatioIsRecoveredAndClipped() {
        Draws d = new Draws(5);
        Data cal = Data.draw(d, 20_000, 0);
        Data test = Data.draw(d, 20_000, 1);
        DensityRatio ratio = DensityRatio.fit(List.of("x"), cal.features(), test.features(), 20);
        for (double x : new double[] {-1, 0, 0.5, 1, 2}) {
            assertThat(Math.log(ratio.weight(new double[] {x}))).as("log ratio at " + x).isCloseTo(x - 0.5, within(0.06));
        }
        assertThat(ratio.weight(new double[] {10})).isEqualTo(20);
        assertThat(ratio.weight(new double[] {-10})).isEqualTo(1.0 / 20);
        assertThat(DensityRatio.effectiveSampleSize(new double[] {2, 2, 2, 2})).isEqualTo(4);
        assertThat(DensityRatio.effectiveSampleSize(new double[] {1, 0, 0, 0})).isEqualTo(1);
    }

    @Test
    void restoresNinetyPercentCoverageUnderCovariateShiftWhereSplitConformalLosesIt() {
        Draws d = new Draws(11);
        double split = 0;
        double weighted = 0;
        for (int r = 0; r < REPETITIONS; r++) {
            Data cal = Data.draw(d, N, 0);
            Data test = Data.draw(d, N, 1);
            DensityRatio ratio = DensityRatio.fit(List.of("x"), cal.features(), test.features(), 20);
            double[] w = Arrays.stream(cal.x()).map(x -> ratio.weight(new double[] {x})).toArray();
            split += test.coverage(Conformal.fit(cal.y(), cal.mu(), cal.var(), 0.9), null);
            weighted += test.coverage(WeightedConformal.fit(cal.y(), cal.mu(), cal.var(), w, 0.9), ratio);
        }
        assertThat(split / REPETITIONS).isLessThan(0.84);
        assertThat(weighted / REPETITIONS).isBetween(0.88, 0.92);
    }
}
