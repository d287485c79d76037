package org.regshift.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.regshift.motif.MotifReader;
import org.regshift.motif.Pwm;

class OccupancyTest {
    /** GATA with near-certain bases (20 sites each), and a GC-only motif. */
    private static final Pwm GATA = Pwm.fromCounts("gata", "GATA", new double[][] {
        {0, 0, 20, 0}, {20, 0, 0, 0}, {0, 0, 0, 20}, {20, 0, 0, 0}});
    private static final Pwm GCGC = Pwm.fromCounts("gcgc", "GCGC", new double[][] {
        {0, 0, 20, 0}, {0, 20, 0, 0}, {0, 0, 20, 0}, {0, 20, 0, 0}});

    @Test
    void occupancyIsOneForTheConsensusAndHalfFourBitsBelow() {
        assertThat(Occupancy.of(1)).isEqualTo(1);
        assertThat(Occupancy.of(1.0 / 16)).isCloseTo(17.0 / 32, within(1e-12));
        // one mismatch of GATA: p = 0.2 / 20.8 instead of 20.2 / 20.8, log2 ratio 6.658 bits
        double oneMismatch = Math.pow(2, Math.log(0.2 / 20.2) / Math.log(2));
        assertThat(Occupancy.of(GATA, "GAAA", 0, false)).isCloseTo(Occupancy.of(oneMismatch), within(1e-12));
        assertThat(Occupancy.of(GATA, "TATC", 0, true)).as("GATA on the minus strand").isCloseTo(1, within(1e-12));
    }

    @Test
    void everyWindowAboveTheFloorCountsPlantedOrNotOnItsBetterStrand() {
        //                 0         1         2
        //                 0123456789012345678901234
        String sequence = "TTGATATTTTTATCTTTGAAATTTT"; // GATA at 2, its reverse complement at 10, GAAA at 17
        List<Site> windows = new Occupancy(List.of(GATA, GCGC)).windows(sequence);
        double oneMismatch = Occupancy.of(GATA, "GAAA", 0, false);
        assertThat(oneMismatch).isBetween(0.1, 0.2); // two mismatches fall below the floor: 0.0017
        assertThat(windows).extracting(Site::motif, Site::start, Site::minus)
                .containsExactly(tuple(0, 2, false), tuple(0, 10, true), tuple(0, 17, false));
        assertThat(windows.get(0).affinity()).isCloseTo(1, within(1e-12));
        assertThat(windows.get(2).affinity()).isCloseTo(oneMismatch, within(1e-12));
        assertThat(new Occupancy(List.of(GCGC)).windows("ATATATATATAT")).as("no GC motif in AT repeats").isEmpty();
        assertThat(new Occupancy(List.of(GATA)).windows("GCGA")).as("two mismatches").isEmpty();
    }

    @Test
    void ofOverlappingWindowsOfOneMotifOnlyTheStrongestCounts() {
        // GAGATA: GATA's consensus at 2 overlaps its one-mismatch window at 0; another motif's windows may overlap it
        Pwm gaga = Pwm.fromCounts("gaga", "GAGA", new double[][] {
            {0, 0, 20, 0}, {20, 0, 0, 0}, {0, 0, 20, 0}, {20, 0, 0, 0}});
        List<Site> windows = new Occupancy(List.of(GATA, gaga)).windows("GAGATA");
        assertThat(windows).extracting(Site::motif, Site::start).containsExactly(tuple(1, 0), tuple(0, 2));
        assertThat(new Occupancy(List.of(GATA)).windows("GAGATA")).extracting(Site::start).containsExactly(2);
    }

    @Test
    void theTabulatedScanFindsWhatScoringEveryWindowFinds() {
        List<Pwm> motifs = MotifReader.defaults();
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 20; trial++) {
            StringBuilder sequence = new StringBuilder();
            for (int i = 0; i < 230; i++) {
                sequence.append("ACGT".charAt(random.nextInt(4)));
            }
            List<Site> expected = new ArrayList<>();
            for (int m = 0; m < motifs.size(); m++) {
                Pwm pwm = motifs.get(m);
                List<Site> all = new ArrayList<>();
                for (int p = 0; p + pwm.length() <= sequence.length(); p++) {
                    double plus = Occupancy.of(pwm, sequence.toString(), p, false);
                    double minus = Occupancy.of(pwm, sequence.toString(), p, true);
                    if (Math.max(plus, minus) >= Occupancy.FLOOR) {
                        all.add(new Site(m, p, minus > plus, Math.max(plus, minus)));
                    }
                }
                all.sort(Comparator.comparingDouble((Site s) -> -s.affinity()).thenComparingInt(Site::start));
                List<Site> kept = new ArrayList<>();
                for (Site s : all) {
                    if (kept.stream().allMatch(k -> Math.abs(k.start() - s.start()) >= pwm.length())) {
                        kept.add(s);
                    }
                }
                expected.addAll(kept);
            }
            expected.sort(Comparator.comparingInt(Site::start).thenComparingInt(Site::motif));
            List<Site> found = new Occupancy(motifs).windows(sequence.toString());
            assertThat(found).extracting(Site::motif, Site::start, Site::minus)
                    .containsExactlyElementsOf(expected.stream().map(s -> tuple(s.motif(), s.start(), s.minus())).toList());
            for (int i = 0; i < found.size(); i++) {
                assertThat(found.get(i).affinity()).isCloseTo(expected.get(i).affinity(), within(1e-9));
            }
        }
    }
}
