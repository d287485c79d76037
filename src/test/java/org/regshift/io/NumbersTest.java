package org.regshift.io;

import static org.assertj.core.api.Assertions.assertThat;
import org.junit.jupiter.api.Test;

class NumbersTest {
    @Test
    void formatsReproducibly() {
        assertThat(Numbers.format(Double.NaN)).isEqualTo("NA");
        assertThat(Numbers.format(3.0)).isEqualTo("3");
        assertThat(Numbers.format(-1.0305051234)).isEqualTo("-1.030505");
        assertThat(Numbers.format(0.1 + 0.2)).isEqualTo("0.3");
        assertThat(Numbers.format(1.23456789e-7)).isEqualTo("1.234568E-7");
        assertThat(Numbers.format(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
        assertThat(Numbers.format(0.001)).isEqualTo("0.001");
        assertThat(Numbers.format(0.00012345678)).isEqualTo("0.0001234568");
        assertThat(Numbers.format(-0.0596)).isEqualTo("-0.0596");
        assertThat(Numbers.format(9.99999999)).isEqualTo("10");
        assertThat(Numbers.format(1234567.89)).isEqualTo("1234568");
        assertThat(Numbers.format(12345678.9)).isEqualTo("12345680");
    }

    @Test
    void theFastPathAgreesWithBigDecimalRounding() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int i = 0; i < 100_000; i++) {
            double v = (r.nextDouble() + 0.001) * Math.pow(10, r.nextInt(-3, 7)) * (r.nextBoolean() ? 1 : -1);
            String expected = new java.math.BigDecimal(v).round(new java.math.MathContext(7)).stripTrailingZeros().toPlainString();
            assertThat(Numbers.format(v)).as("%s", v).isEqualTo(expected);
        }
    }
}
