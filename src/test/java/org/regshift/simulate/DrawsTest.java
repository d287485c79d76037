package org.regshift.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DrawsTest {
    private static final int N = 200_000;

    @ParameterizedTest
    @CsvSource({"0.7, 5", "12, 20", "80, 20", "500, 3", "4000, 50"})
    void negativeBinomialHasItsMeanAndVariance(double mean, double size) {
        Draws d = new Draws(11);
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < N; i++) {
            long x = d.negativeBinomial(mean, size);
            sum += x;
            sumSq += (double) x * x;
        }
        double m = sum / N;
        double var = sumSq / N - m * m;
        double expectedVar = mean + mean * mean / size;
        assertThat(m).isCloseTo(mean, within(4 * Math.sqrt(expectedVar / N)));
        assertThat(var / expectedVar).isCloseTo(1.0, within(0.05));
    }

    @ParameterizedTest
    @CsvSource({"0.3", "7", "29.9", "30", "250", "1e6"})
    void poissonHasItsMeanAndVariance(double mean) {
        Draws d = new Draws(5);
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < N; i++) {
            long x = d.poisson(mean);
            sum += x;
            sumSq += (double) x * x;
        }
        double m = sum / N;
        assertThat(m).isCloseTo(mean, within(4 * Math.sqrt(mean / N)));
        assertThat((sumSq / N - m * m) / mean).isCloseTo(1.0, within(0.03));
    }

    @ParameterizedTest
    @CsvSource({"0.5", "1", "3.5"})
    void gammaAndNormalHaveTheirMoments(double shape) {
        Draws d = new Draws(3);
        double g = 0;
        double z = 0;
        double zz = 0;
        for (int i = 0; i < N; i++) {
            g += d.gamma(shape, 2);
            double x = d.normal();
            z += x;
            zz += x * x;
        }
        assertThat(g / N).isCloseTo(2 * shape, within(0.05 * shape + 0.02));
        assertThat(z / N).isCloseTo(0, within(0.01));
        assertThat(zz / N).isCloseTo(1, within(0.01));
    }
}
