package org.regshift.redundancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GlobalMaskTest {
    @Test
    void projectionKeepsTheBudgetAndTheBoxAndLeavesFeasibleMasksAlone() {
        boolean[] present = {true, true, true, false, true};
        double[] p = {0.9, 1.4, -0.2, 0.7, 0.6};
        GlobalMask.projectToBudget(p, present, 2);
        assertThat(Arrays.stream(p).sum()).isCloseTo(2, within(1e-9));
        assertThat(p[3]).as("a type without sites").isZero();
        assertThat(p[2]).isZero();
        assertThat(p[1]).isEqualTo(1.0);
        assertThat(p[0] - p[4]).as("one shift for all").isCloseTo(0.3, within(1e-9));
        double[] feasible = {0.2, 0.5, 0, 0, 0.1};
        double[] copy = feasible.clone();
        GlobalMask.projectToBudget(copy, present, 2);
        assertThat(copy).containsExactly(feasible);
    }

    @Test
    void topTakesTheLargestPresentTypes() {
        boolean[] present = {true, true, false, true};
        assertThat(GlobalMask.top(new double[] {0.3, 0.9, 1.0, 0.3}, present, 2)).containsExactly(0, 1);
    }
}
