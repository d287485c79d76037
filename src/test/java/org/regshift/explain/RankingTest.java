package org.regshift.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import org.junit.jupiter.api.Test;

class RankingTest {
    @Test
    void aurocCountsPairsAndTiesHalf() {
        double[] score = {0.9, 0.8, 0.8, 0.1, 0.5};
        boolean[] positive = {true, false, true, false, false};
        // pairs (positive above negative): 0.9 beats 3; 0.8 beats 0.1 and 0.5, ties 0.8 -> 2.5; total 5.5 of 6
        assertThat(Ranking.auroc(score, positive)).isCloseTo(5.5 / 6, within(1e-12));
        assertThat(Ranking.auroc(score, new boolean[5])).isNaN();
    }

    @Test
    void averagePrecisionIsTheMeanPrecisionAtEachPositive() {
        double[] score = {0.9, 0.7, 0.8, 0.1};
        boolean[] positive = {true, true, false, false};
        // ranked 0.9(+), 0.8(-), 0.7(+): precisions 1 and 2/3
        assertThat(Ranking.averagePrecision(score, positive)).isCloseTo((1 + 2.0 / 3) / 2, within(1e-12));
    }
}
