package org.regshift.qc;

import static org.assertj.core.api.Assertions.assertThat;
import org.junit.jupiter.api.Test;

class OutlierRuleTest {
    private static final double[] VALUES = {10, 11, 9, 10, 12, 8, 10, 11, 9, 10, 10, 11, 9, 10, 95};

    @Test
    void zscoreAndMadFlagTheOutlyingBarcode() {
        boolean[] flags = new boolean[VALUES.length];
        assertThat(OutlierRule.ZSCORE.flag(VALUES, VALUES.length, 3, flags)).isEqualTo(1);
        assertThat(flags[VALUES.length - 1]).isTrue();
        assertThat(OutlierRule.MAD.flag(VALUES, VALUES.length, 3, flags)).isEqualTo(1);
        assertThat(flags[VALUES.length - 1]).isTrue();
        assertThat(OutlierRule.NONE.flag(VALUES, VALUES.length, 3, flags)).isZero();
    }

    @Test
    void constantOrTinyGroupsFlagNothing() {
        boolean[] flags = new boolean[4];
        assertThat(OutlierRule.ZSCORE.flag(new double[] {5, 5, 5, 5}, 4, 3, flags)).isZero();
        assertThat(OutlierRule.MAD.flag(new double[] {1, 100}, 2, 3, flags)).isZero();
    }

    @Test
    void madIsRobustWhereTheZscoreIsMasked() {
        double[] twoOutliers = {10, 10, 11, 9, 10, 200, 210};
        boolean[] flags = new boolean[twoOutliers.length];
        assertThat(OutlierRule.ZSCORE.flag(twoOutliers, twoOutliers.length, 3, flags)).isZero();
        assertThat(OutlierRule.MAD.flag(twoOutliers, twoOutliers.length, 3, flags)).isEqualTo(2);
    }
}
