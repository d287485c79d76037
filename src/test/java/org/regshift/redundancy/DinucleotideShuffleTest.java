package org.regshift.redundancy;

import static org.assertj.core.api.Assertions.assertThat;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DinucleotideShuffleTest {
    private static Map<String, Integer> dinucleotides(String s) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i + 1 < s.length(); i++) {
            counts.merge(s.substring(i, i + 2), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void keepsDinucleotideCountsAndBothEnds() {
        Random random = new Random(1);
        String site = "TTGACGTCAGCGCATATGGCCA";
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String s = DinucleotideShuffle.shuffle(site, random);
            assertThat(dinucleotides(s)).isEqualTo(dinucleotides(site));
            assertThat(s.charAt(0)).isEqualTo(site.charAt(0));
            assertThat(s.charAt(s.length() - 1)).isEqualTo(site.charAt(site.length() - 1));
            seen.add(s);
        }
        assertThat(seen).as("shuffles differ from one another").hasSizeGreaterThan(100);
    }

    @Test
    void reachesEveryArrangementOfASmallSequenceEvenly() {
        // ACAGA: exits A->{C,G}, C->A, G->A: the Eulerian walks from A are ACAGA and AGACA
        Map<String, Integer> counts = new HashMap<>();
        Random random = new Random(7);
        for (int i = 0; i < 4000; i++) {
            counts.merge(DinucleotideShuffle.shuffle("ACAGA", random), 1, Integer::sum);
        }
        assertThat(counts).containsOnlyKeys("ACAGA", "AGACA");
        assertThat(counts.get("ACAGA")).isBetween(1800, 2200);
    }

    @Test
    void sameSeedSameShuffle() {
        assertThat(DinucleotideShuffle.shuffle("ACGTTGCAAGCT", new Random(3)))
                .isEqualTo(DinucleotideShuffle.shuffle("ACGTTGCAAGCT", new Random(3)));
        assertThat(DinucleotideShuffle.shuffle("AC", new Random(3))).isEqualTo("AC");
    }
}
