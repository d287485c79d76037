package org.regshift.redundancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sign conventions, on effects computed from the simulator's equation for two sites. */
class MotifPairsTest {
    @Test
    void redundantSitesArePositiveAndCooperatingSitesNegative() {
        MotifPairs pairs = new MotifPairs(1);
        // redundancy group of two activators, e1 = 1.0 >= e2 = 0.6: the pair contributes e1 + 0.5 e2
        double e1 = 1.0;
        double e2 = 0.6;
        pairs.pair(0, 1, -(e1 - 0.5 * e2), -(0.5 * e2), -(e1 + 0.5 * e2));
        // cooperating activators e = 0.8, 0.4 with gamma = 0.6: each removal loses its own effect and gamma
        pairs.pair(2, 3, -(0.8 + 0.6), -(0.4 + 0.6), -(0.8 + 0.4 + 0.6));
        // the same cooperation between two repressors that outweigh it: removing both raises the prediction
        pairs.pair(4, 5, -(-1.0 + 0.6), -(-0.9 + 0.6), -(-1.9 + 0.6));
        List<MotifPairs.Ranked> ranked = pairs.ranked();
        MotifPairs.Tally redundant = ranked.stream().filter(r -> r.a() == 0).findFirst().orElseThrow().tally();
        MotifPairs.Tally synergy = ranked.stream().filter(r -> r.a() == 2).findFirst().orElseThrow().tally();
        MotifPairs.Tally repressors = ranked.stream().filter(r -> r.a() == 4).findFirst().orElseThrow().tally();
        assertThat(redundant.mean(redundant.interaction)).isCloseTo(-0.5 * e2, within(1e-12));
        assertThat(redundant.mean(redundant.redundancy)).isCloseTo(0.5 * e2, within(1e-12));
        assertThat(synergy.mean(synergy.interaction)).isCloseTo(0.6, within(1e-12));
        assertThat(synergy.mean(synergy.redundancy)).isCloseTo(-0.6, within(1e-12));
        assertThat(repressors.mean(repressors.redundancy)).isCloseTo(0.6, within(1e-12));
        assertThat(ranked).extracting(MotifPairs.Ranked::rank).containsExactly(1, 2, 3);
    }

    @Test
    void ranksDistinctPairsWithEnoughSitePairsByInteraction() {
        MotifPairs pairs = new MotifPairs(2);
        pairs.pair(0, 0, -0.5, -0.5, -1.5); // same motif: listed, not ranked
        pairs.pair(0, 0, -0.5, -0.5, -1.5);
        pairs.pair(1, 2, -0.1, -0.1, -0.9); // one site pair only: not ranked
        pairs.pair(3, 2, -0.1, -0.2, -0.4);
        pairs.pair(2, 3, -0.2, -0.1, -0.4);
        pairs.pair(4, 1, 0.0, 0.0, 0.05);
        pairs.pair(1, 4, 0.0, 0.0, 0.05);
        List<MotifPairs.Ranked> ranked = pairs.ranked();
        assertThat(ranked.get(0)).extracting(MotifPairs.Ranked::a, MotifPairs.Ranked::b, MotifPairs.Ranked::rank)
                .containsExactly(2, 3, 1);
        assertThat(ranked.get(0).tally().mean(ranked.get(0).tally().singleA)).as("effects follow the motifs, not the order")
                .isCloseTo(-0.2, within(1e-12));
        assertThat(ranked.get(1)).extracting(MotifPairs.Ranked::a, MotifPairs.Ranked::b, MotifPairs.Ranked::rank)
                .containsExactly(1, 4, 2);
        assertThat(ranked.subList(2, 4)).extracting(MotifPairs.Ranked::rank).containsOnly(0);
    }
}
