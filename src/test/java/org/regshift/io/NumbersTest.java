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
    }
}
