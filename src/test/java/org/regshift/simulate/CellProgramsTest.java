package org.regshift.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.regshift.motif.MotifReader;
import org.regshift.motif.Pwm;

class CellProgramsTest {
    private static final List<Pwm> MOTIFS = MotifReader.defaults();
    private static final SimParameters PARAMS = new SimParameters(100, 200, 2, 2, 10, false, 0.42, 0.05, false, 3, 2, 50,
            50, 20, 0.3);
    private final CellPrograms programs = CellPrograms.generate(MOTIFS, PARAMS, 7);
    /** The training library's mean GC (PARAMS), where the accessibility is 1 and the curved GC term 0. */
    private static final double GC = 0.42;

    @Test
    void aSiteAddsItsEffectTimesAffinityAndAPositionWeightRisingLinearlyTo1AtTheEnd() {
        int motif = IntStream.range(0, MOTIFS.size()).filter(i -> MOTIFS.get(i).length() % 2 == 0).findFirst().orElseThrow();
        int half = MOTIFS.get(motif).length() / 2;
        double empty = programs.activity(0, List.of(), GC, 200);
        assertThat(empty).isCloseTo(programs.baseline[0] + programs.gcEffect[0] * (GC - 0.5), within(1e-12));
        double effect = programs.effect[0][motif];
        assertThat(programs.activity(0, List.of(new Site(motif, 50 - half, false, 0.5)), GC, 200) - empty)
                .as("centred at a quarter").isCloseTo(effect * 0.5 * 0.775, within(1e-12));
        assertThat(programs.activity(0, List.of(new Site(motif, 100 - half, true, 0.5)), GC, 200) - empty)
                .as("centred in the middle").isCloseTo(effect * 0.5 * 0.85, within(1e-12));
    }

    @Test
    void gcAwayFromTheTrainingMeanCurvesTheActivityAndScalesEveryMotifEffect() {
        double empty = programs.activity(0, List.of(), GC, 200);
        // delta (0.1) - 8 (0.2^2 - 0.1^2) between GC 0.62 and 0.52
        assertThat(programs.activity(0, List.of(), 0.62, 200) - programs.activity(0, List.of(), 0.52, 200))
                .isCloseTo(programs.gcEffect[0] * 0.1 - 0.24, within(1e-12));
        Site site = new Site(0, 80, false, 0.7);
        double atTrainingGc = programs.activity(0, List.of(site), GC, 200) - empty;
        double richer = programs.activity(0, List.of(site), GC + 0.1, 200) - programs.activity(0, List.of(), GC + 0.1, 200);
        double poorer = programs.activity(0, List.of(site), GC - 0.1, 200) - programs.activity(0, List.of(), GC - 0.1, 200);
        assertThat(richer).as("1.3 x at +0.1 GC").isCloseTo(1.3 * atTrainingGc, within(1e-12));
        assertThat(poorer).as("0.7 x at -0.1 GC").isCloseTo(0.7 * atTrainingGc, within(1e-12));
    }

    @Test
    void sitesOfACooperatingPairAddTheirStrengthTimesBothAffinitiesWithin30Bp() {
        int[] pair = programs.pairs.stream().filter(p -> programs.redundancyGroup[p[0]] != programs.redundancyGroup[p[1]])
                .findFirst().orElseThrow();
        double strength = programs.cooperativity[0][programs.pairIndex[pair[0]][pair[1]]];
        Site x = new Site(pair[0], 40, false, 0.8);
        Site near = new Site(pair[1], 60, true, 0.5);
        Site far = new Site(pair[1], 150, true, 0.5);
        double alone = programs.activity(0, List.of(x), GC, 200) + programs.activity(0, List.of(near), GC, 200)
                - programs.activity(0, List.of(), GC, 200);
        assertThat(programs.activity(0, List.of(x, near), GC, 200) - alone).isCloseTo(strength * 0.8 * 0.5, within(1e-12));
        double apart = programs.activity(0, List.of(x), GC, 200) + programs.activity(0, List.of(far), GC, 200)
                - programs.activity(0, List.of(), GC, 200);
        assertThat(programs.activity(0, List.of(x, far), GC, 200)).as("110 bp apart").isCloseTo(apart, within(1e-12));
        assertThat(strength).as("a cooperating pair adds something").isNotZero();
    }

    @Test
    void aSecondSiteOfARedundancyGroupAddsHalf() {
        int motif = 0;
        Site a = new Site(motif, 10, false, 1);
        Site b = new Site(motif, 150, true, 1);
        double one = programs.activity(0, List.of(b), GC, 200) - programs.activity(0, List.of(), GC, 200);
        double first = programs.activity(0, List.of(a), GC, 200) - programs.activity(0, List.of(), GC, 200);
        double both = programs.activity(0, List.of(a, b), GC, 200) - programs.activity(0, List.of(), GC, 200);
        double strong = Math.abs(one) >= Math.abs(first) ? one : first;
        double weak = strong == one ? first : one;
        assertThat(both).isCloseTo(strong + CellPrograms.REDUNDANCY * weak, within(1e-12));
    }

    @Test
    void rewiringChangesTheTruthOfTheSameSitesAndCellTypeShiftReplacesTheProgram() {
        List<Site> sites = List.of(new Site(1, 20, false, 0.9), new Site(5, 80, true, 0.7), new Site(9, 150, false, 1));
        CellPrograms rewired = programs.shifted(new Shift(0, 1, 0, 0, 1, 0, 0, 0), 3);
        assertThat(rewired.activity(0, sites, 0.45, 200)).isNotEqualTo(programs.activity(0, sites, 0.45, 200));
        int changed = 0;
        for (int i = 0; i < MOTIFS.size(); i++) {
            changed += rewired.effect[0][i] != programs.effect[0][i] ? 1 : 0;
        }
        assertThat(changed).isGreaterThanOrEqualTo(MOTIFS.size() - 2);
        CellPrograms replaced = programs.shifted(new Shift(0, 0, 0, 1, 1, 0, 0, 0), 3);
        assertThat(replaced.activity(0, sites, 0.45, 200)).isCloseTo(programs.activity(1, sites, 0.45, 200), within(1e-12));
        assertThat(programs.shifted(Shift.NONE, 3).activity(0, sites, 0.45, 200)).isEqualTo(programs.activity(0, sites, 0.45, 200));
    }

    @Test
    void cellProgramsCorrelateAsAsked() {
        SimParameters many = new SimParameters(100, 200, 2, 2, 10, false, 0.42, 0.05, false, 3, 2, 50, 50, 20, 0.9);
        List<Pwm> motifs = java.util.Collections.nCopies(2000, MOTIFS.get(0));
        CellPrograms p = CellPrograms.generate(motifs, many, 1);
        assertThat(org.regshift.metrics.Metrics.pearson(p.effect[0], p.effect[1])).isCloseTo(0.9, within(0.03));
    }
}
