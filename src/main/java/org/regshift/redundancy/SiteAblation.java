package org.regshift.redundancy;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.regshift.motif.Bases;
import org.regshift.motif.SiteScanner;
import org.regshift.motif.SiteScanner.Site;

/**
 * One sequence window, its motif sites, and for each site {@code draws} dinucleotide-preserving
 * shuffles of its bases (redrawn up to {@value #TRIES} times while the shuffle still scores as a
 * site of the same motif). Draw d of a set of sites replaces each with its own draw d, so singles
 * and pairs share their draws.
 */
record SiteAblation(String window, List<Site> sites, String[][] shuffles) {
    private static final int TRIES = 10;

    static SiteAblation of(String window, SiteScanner scanner, int maxSites, int draws, Random random) {
        List<Site> sites = scanner.scan(window, maxSites);
        String[][] shuffles = new String[sites.size()][draws];
        for (int s = 0; s < sites.size(); s++) {
            Site site = sites.get(s);
            String bases = window.substring(site.start(), site.end());
            for (int d = 0; d < draws; d++) {
                String shuffled = DinucleotideShuffle.shuffle(bases, random);
                for (int t = 1; t < TRIES && scanner.isSite(site.motif(), Bases.encode(shuffled, 0, shuffled.length()), 0); t++) {
                    shuffled = DinucleotideShuffle.shuffle(bases, random);
                }
                shuffles[s][d] = shuffled;
            }
        }
        return new SiteAblation(window, sites, shuffles);
    }

    int draws() {
        return shuffles.length == 0 ? 0 : shuffles[0].length;
    }

    /** The window with the sites at {@code indices} replaced by their draw {@code d}. */
    String ablate(int[] indices, int d) {
        StringBuilder b = new StringBuilder(window);
        for (int s : indices) {
            b.replace(sites.get(s).start(), sites.get(s).end(), shuffles[s][d]);
        }
        return b.toString();
    }

    /** The indices of the sites whose motif is marked in {@code motifs}. */
    int[] sitesOf(boolean[] motifs) {
        return IntStream.range(0, sites.size()).filter(s -> motifs[sites.get(s).motif()]).toArray();
    }
}
