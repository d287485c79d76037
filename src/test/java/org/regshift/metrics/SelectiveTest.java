package org.regshift.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import org.junit.jupiter.api.Test;

/** Selective prediction metrics against values worked out by hand on four rows. */
class SelectiveTest {
    private static final double[] Y = {2, 1, 0, 3};
    private static final double[] MU = {0, 0, 0, 0};
    private static final double[] LOSS = Selective.losses(Y, MU, Selective.Risk.SQUARED);
    private static final double[] ORACLE = curve(Selective.order(LOSS));

    private static double[] curve(int[] order) {
        return Selective.selectiveRisks(LOSS, order);
    }

    @Test
    void lossesAndOrder() {
        assertThat(LOSS).containsExactly(4, 1, 0, 9);
        assertThat(Selective.losses(Y, MU, Selective.Risk.ABSOLUTE)).containsExactly(2, 1, 0, 3);
        assertThat(Selective.order(new double[] {0.3, -0.2, -5, 0.3, 0})).containsExactly(2, 1, 4, 0, 3);
    }

    @Test
    void aPerfectRankingHasTheOracleArea() {
        int[] order = Selective.order(new double[] {0.3, 0.2, 0.1, 0.4});
        // accepted losses 0, 1, 4, 9: selective risks 0, 1/2, 5/3, 7/2
        assertThat(Selective.selectiveRisks(LOSS, order)).containsExactly(new double[] {0, 0.5, 5.0 / 3, 3.5}, within(1e-12));
        assertThat(Selective.aurc(curve(order))).isCloseTo((0 + 0.5 + 5.0 / 3 + 3.5) / 4, within(1e-12));
        assertThat(Selective.aurc(ORACLE)).isCloseTo(Selective.aurc(curve(order)), within(1e-12));
        assertThat(Selective.ause(curve(order), ORACLE, Selective.Risk.SQUARED)).isCloseTo(0, within(1e-12));
        assertThat(Selective.riskAtCoverage(LOSS, order, 0.5)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void aReversedRankingIsWorseThanRandom() {
        int[] order = Selective.order(new double[] {0.2, 0.3, 0.4, 0.1});
        // accepted losses 9, 4, 1, 0: selective risks 9, 13/2, 14/3, 7/2
        assertThat(Selective.aurc(curve(order))).isCloseTo((9 + 6.5 + 14.0 / 3 + 3.5) / 4, within(1e-12));
        assertThat(Selective.aurc(curve(order))).isGreaterThan(3.5);
        // fractions removed 0-0.24 keep 4 rows, 0.25-0.49 keep 3, 0.5-0.74 keep 2, 0.75-0.99 keep 1 (RMSE minus oracle RMSE)
        double expected = (25 * 0 + 25 * (Math.sqrt(14.0 / 3) - Math.sqrt(5.0 / 3)) + 25 * (Math.sqrt(6.5) - Math.sqrt(0.5))
                + 25 * (3 - 0)) / 100;
        assertThat(Selective.ause(curve(order), ORACLE, Selective.Risk.SQUARED)).isCloseTo(expected, within(1e-12));
    }
}
