package org.regshift.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.regshift.metrics.Metrics;
import org.regshift.simulate.Draws;

class ConformalTest {
    private static final int REPETITIONS = 200;
    private static final int N = 500;

    /** Exchangeable data whose predicted sigma is too small by a factor 1.7 (x group factor). */
    private record Data(double[] y, double[] mu, double[] var, String[] group) {
        static Data draw(Draws d, int n) {
            double[] y = new double[n];
            double[] mu = new double[n];
            double[] var = new double[n];
            String[] group = new String[n];
            for (int i = 0; i < n; i++) {
                int g = d.uniformInt(3);
                group[i] = "g" + g;
                mu[i] = d.normal();
                var[i] = 0.2 + d.uniform();
                y[i] = mu[i] + 1.7 * (1 + g) * Math.sqrt(var[i]) * d.normal();
            }
            return new Data(y, mu, var, group);
        }

        double coverage(Calibrator c, String only) {
            int inside = 0;
            int count = 0;
            for (int i = 0; i < y.length; i++) {
                if (only == null || group[i].equals(only)) {
                    double half = Metrics.zOf(0.9) * Math.sqrt(c.variance(mu[i], var[i], new RowContext(group[i], 1)));
                    inside += Math.abs(y[i] - mu[i]) <= half ? 1 : 0;
                    count++;
                }
            }
            return (double) inside / count;
        }
    }

    @Test
    void splitConformalCoversNinetyPercentOnAverageAndMondrianEachGroup() {
        Draws d = new Draws(42);
        double raw = 0;
        double global = 0;
        double[] perGroup = new double[3];
        double[] globalPerGroup = new double[3];
        for (int r = 0; r < REPETITIONS; r++) {
            Data cal = Data.draw(d, N);
            Data test = Data.draw(d, N);
            Conformal c = Conformal.fit(cal.y(), cal.mu(), cal.var(), 0.9);
            Conformal m = Conformal.fitMondrian(cal.y(), cal.mu(), cal.var(), cal.group(), "group", 0.9);
            raw += test.coverage(new NoCalibration(), null);
            global += test.coverage(c, null);
            for (int g = 0; g < 3; g++) {
                perGroup[g] += test.coverage(m, "g" + g);
                globalPerGroup[g] += test.coverage(c, "g" + g);
            }
        }
        assertThat(raw / REPETITIONS).isLessThan(0.6);
        assertThat(global / REPETITIONS).isBetween(0.88, 0.92);
        for (int g = 0; g < 3; g++) {
            assertThat(perGroup[g] / REPETITIONS).as("Mondrian group %d", g).isBetween(0.88, 0.93);
        }
        // the global threshold over-covers the easy group and under-covers the hard one
        assertThat(globalPerGroup[0] / REPETITIONS).isGreaterThan(0.95);
        assertThat(globalPerGroup[2] / REPETITIONS).isLessThan(0.85);
    }

    @Test
    void aGroupUnseenInCalibrationOrTooSmallGetsTheGlobalInterval() {
        double[] y = new double[40];
        double[] mu = new double[y.length];
        double[] var = new double[y.length];
        String[] groups = new String[y.length];
        for (int i = 0; i < y.length; i++) {
            var[i] = 1;
            y[i] = i < 36 ? (i % 2 == 0 ? 1 : -1) * (1 + i / 10.0) : 100 * i; // "tiny": 4 rows of huge errors
            groups[i] = i < 36 ? "big" : "tiny";
        }
        Conformal m = Conformal.fitMondrian(y, mu, var, groups, "group", 0.9);
        double[] global = Conformal.fit(y, mu, var, 0.9).interval(0, 1, RowContext.NONE, 0.9);
        assertThat(m.smallGroups()).containsEntry("tiny", 4);
        assertThat(m.interval(0, 1, new RowContext("tiny", 1), 0.9)).containsExactly(global);
        assertThat(m.interval(0, 1, new RowContext("never seen", 1), 0.9)).containsExactly(global);
        // the big group's own threshold: ceil(0.9 * 37) = 34th smallest of |y| = 1 + i / 10 over its 36 rows
        assertThat(m.interval(0, 1, new RowContext("big", 1), 0.9)[1]).isCloseTo(1 + 33 / 10.0, within(1e-12));
        assertThat(global[1]).isGreaterThan(4.3);
    }

    @Test
    void thresholdIsTheConformalRankAndVarianceScalingTheNllOptimalFactor() {
        double[] scores = {0.5, 0.1, 0.9, 0.3};
        // ceil(0.5 * 5) = 3rd smallest
        assertThat(Conformal.threshold(scores, 0.5)).isEqualTo(0.5);
        // ceil(0.9 * 5) = 5 > 4 scores: no finite threshold
        assertThat(Conformal.threshold(scores, 0.9)).isInfinite();
        assertThatThrownBy(() -> Conformal.threshold(new double[0], 0.9)).hasMessage("no calibration rows");

        SplittableRandom r = new SplittableRandom(3);
        Draws d = new Draws(4);
        double[] y = new double[20_000];
        double[] mu = new double[y.length];
        double[] var = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            var[i] = 0.5 + r.nextDouble();
            y[i] = 2 * Math.sqrt(var[i]) * d.normal();
        }
        assertThat(VarianceScaling.fit(y, mu, var).factor()).isCloseTo(4.0, within(0.1));
    }
}
