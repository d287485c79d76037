package org.regshift.motif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import java.util.List;
import org.junit.jupiter.api.Test;

class SiteScannerTest {
    private static final Pwm GATA = Pwm.fromCounts("gata", "GATA", new double[][] {
        {0, 0, 20, 0}, {20, 0, 0, 0}, {0, 0, 0, 20}, {20, 0, 0, 0}});
    private static final Pwm EBOX = Pwm.fromCounts("ebox", "EBOX", new double[][] {
        {0, 20, 0, 0}, {20, 0, 0, 0}, {0, 20, 0, 0}, {0, 0, 20, 0}, {0, 0, 0, 20}, {0, 0, 20, 0}});

    @Test
    void findsSitesOnBothStrandsWithoutOverlap() {
        //                 0         1         2
        //                 0123456789012345678901234567
        String sequence = "CCCCGATACCCCTATCCCCACGTGCCCC";
        List<SiteScanner.Site> sites = new SiteScanner(List.of(GATA, EBOX), 0.85).scan(sequence, 10);
        assertThat(sites).extracting(SiteScanner.Site::motif, SiteScanner.Site::start, SiteScanner.Site::minus)
                .containsExactly(tuple(0, 4, false),
                        tuple(0, 12, true),
                        tuple(1, 18, false));
    }

    @Test
    void keepsTheBestSitesUpToTheLimitAndSkipsN() {
        String sequence = "GATACCCACGTGCCGATNCC";
        List<SiteScanner.Site> sites = new SiteScanner(List.of(GATA, EBOX), 0.85).scan(sequence, 1);
        assertThat(sites).hasSize(1);
        assertThat(new SiteScanner(List.of(GATA), 0.85).scan("CCGANACC", 5)).isEmpty();
        assertThat(new SiteScanner(List.of(GATA, EBOX), 0.85).longest()).isEqualTo(6);
    }
}
