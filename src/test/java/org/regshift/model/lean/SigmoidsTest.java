package org.regshift.model.lean;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SigmoidsTest {
    @Test
    void sigmoidIsWithinThreeTenMillionthsOfTheLogisticFunctionEverywhere() {
        double worst = 0;
        for (float x = -40; x <= 40; x += 0.0007f) {
            worst = Math.max(worst, Math.abs(Sigmoids.sigmoid(x) - 1 / (1 + Math.exp(-x))));
        }
        assertThat(worst).isLessThan(3e-7);
        assertThat(Sigmoids.sigmoid(0)).isEqualTo(0.5f);
        assertThat(Sigmoids.sigmoid(Float.POSITIVE_INFINITY)).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(Sigmoids.sigmoid(Float.NEGATIVE_INFINITY)).isCloseTo(0f, org.assertj.core.data.Offset.offset(1e-6f));
    }
}
