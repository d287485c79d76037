package org.regshift.motif;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds motif sites in a sequence: every position and strand whose log-odds score reaches
 * {@code relativeScore} of the way from the motif's worst to its best score (0.85 is TFBSTools'
 * "85%"), then keeps the best-scoring sites that do not overlap, so each base belongs to at most
 * one site.
 */
public final class SiteScanner {
    /** A site: motif index in the scanner's list, 0-based start, strand, score (bits). */
    public record Site(int motif, int start, int length, boolean minus, double score) {
        public int end() {
            return start + length;
        }

        public double centre() {
            return start + length / 2.0;
        }
    }

    private final List<Pwm> motifs;
    private final double[] thresholds;

    public SiteScanner(List<Pwm> motifs, double relativeScore) {
        this.motifs = List.copyOf(motifs);
        this.thresholds = motifs.stream().mapToDouble(m -> m.minScore() + relativeScore * (m.maxScore() - m.minScore()))
                .toArray();
    }

    /** The longest motif, in bases. */
    public int longest() {
        return motifs.stream().mapToInt(Pwm::length).max().orElse(0);
    }

    /** Whether {@code bases[from, from + motif length)} still scores as a site of {@code motif} on either strand. */
    public boolean isSite(int motif, byte[] bases, int from) {
        Pwm m = motifs.get(motif);
        return m.score(bases, from, false) >= thresholds[motif] || m.score(bases, from, true) >= thresholds[motif];
    }

    /** Non-overlapping sites, best first, at most {@code max}; returned in order of position. */
    public List<Site> scan(String sequence, int max) {
        byte[] bases = Bases.encode(sequence, 0, sequence.length());
        List<Site> hits = new ArrayList<>();
        for (int k = 0; k < motifs.size(); k++) {
            Pwm m = motifs.get(k);
            for (int p = 0; p + m.length() <= bases.length; p++) {
                if (hasN(bases, p, m.length())) {
                    continue;
                }
                double plus = m.score(bases, p, false);
                double minus = m.score(bases, p, true);
                double best = Math.max(plus, minus);
                if (best >= thresholds[k]) {
                    hits.add(new Site(k, p, m.length(), minus > plus, best));
                }
            }
        }
        hits.sort(Comparator.comparingDouble((Site s) -> relative(s)).reversed()
                .thenComparingInt(Site::start).thenComparingInt(Site::motif));
        boolean[] taken = new boolean[bases.length];
        List<Site> kept = new ArrayList<>();
        for (Site s : hits) {
            if (kept.size() == max) {
                break;
            }
            if (free(taken, s)) {
                for (int p = s.start(); p < s.end(); p++) {
                    taken[p] = true;
                }
                kept.add(s);
            }
        }
        kept.sort(Comparator.comparingInt(Site::start));
        return kept;
    }

    /** How close the site is to its motif's best score: 1 for the consensus, 0 at the worst. */
    private double relative(Site s) {
        Pwm m = motifs.get(s.motif());
        return (s.score() - m.minScore()) / (m.maxScore() - m.minScore());
    }

    private static boolean hasN(byte[] bases, int from, int length) {
        for (int p = from; p < from + length; p++) {
            if (bases[p] < 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean free(boolean[] taken, Site s) {
        for (int p = s.start(); p < s.end(); p++) {
            if (taken[p]) {
                return false;
            }
        }
        return true;
    }
}
