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
        //                 0         1
        //                 0123456789012345678
        String sequence = "CCCACGAGCCGATACCNCC"; // an E-box with one mismatch first, a perfect GATA after it
        SiteScanner scanner = new SiteScanner(List.of(GATA, EBOX), 0.8);
        assertThat(scanner.scan(sequence, 2)).extracting(SiteScanner.Site::motif, SiteScanner.Site::start)
                .containsExactly(tuple(1, 2), tuple(0, 10));
        assertThat(scanner.scan(sequence, 1)).as("the perfect site, not the earlier one")
                .extracting(SiteScanner.Site::motif, SiteScanner.Site::start).containsExactly(tuple(0, 10));
        assertThat(new SiteScanner(List.of(GATA), 0.85).scan("CCGANACC", 5)).isEmpty();
        assertThat(new SiteScanner(List.of(GATA, EBOX), 0.85).longest()).isEqualTo(6);
    }
}
