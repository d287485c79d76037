package org.regshift.simulate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.regshift.motif.Pwm;

/**
 * How strongly each motif occupies each window of a sequence: the occupancy x (1 + K) / (x + K)
 * of the relative affinity x = 2^(score - best score), K = 1/16, so a consensus site has 1 and a
 * site 4 bits below it about 1/2. The truth counts every window whose occupancy reaches
 * {@value #FLOOR}, planted or not, on its better strand; of overlapping windows of one motif only
 * the strongest (one protein per stretch of DNA).
 *
 * <p>Scanning every window of every motif is the simulator's hot loop, so each motif's log-odds
 * are tabulated per 4-mer (a window's score is a few table lookups) and a window is abandoned as
 * soon as the best its remaining 4-mers could add no longer reaches the floor.
 */
final class Occupancy {
    /** Relative affinity at which a site is about half occupied. */
    private static final double HALF_OCCUPANCY = 1.0 / 16;
    /** Occupancy below which a window is left out of the truth (one mismatch of a strong base keeps about 0.15). */
    static final double FLOOR = 0.01;
    /** log2 of the relative affinity whose occupancy is {@link #FLOOR}. */
    private static final double FLOOR_BITS = Math.log(FLOOR * HALF_OCCUPANCY / (1 + HALF_OCCUPANCY - FLOOR)) / Math.log(2);
    private static final int K = 4;

    private final List<Pwm> motifs;
    /** Per motif and strand: per chunk of 4 window positions, the score of each 4-mer (beyond the window: 0). */
    private final double[][][][] chunks;
    /** Per motif and strand: the best score the chunks from c on can add, entry c. */
    private final double[][][] bestFrom;

    Occupancy(List<Pwm> motifs) {
        this.motifs = List.copyOf(motifs);
        chunks = new double[motifs.size()][2][][];
        bestFrom = new double[motifs.size()][2][];
        for (int m = 0; m < motifs.size(); m++) {
            for (int strand = 0; strand < 2; strand++) {
                chunks[m][strand] = chunkScores(motifs.get(m), strand == 1);
                bestFrom[m][strand] = bestFrom(chunks[m][strand]);
            }
        }
    }

    /** Per chunk of 4 window positions, the score of each 4-mer there (positions beyond the window add 0). */
    private static double[][] chunkScores(Pwm pwm, boolean minus) {
        int w = pwm.length();
        double[][] scores = new double[(w + K - 1) / K][1 << (2 * K)];
        for (int c = 0; c < scores.length; c++) {
            for (int code = 0; code < scores[c].length; code++) {
                for (int j = 0, i = K * c; j < K && i < w; j++, i++) {
                    int base = (code >> (2 * (K - 1 - j))) & 3;
                    // the minus strand matches the motif to the reverse complement of the window
                    scores[c][code] += minus ? pwm.logOdds(w - 1 - i, 3 - base) : pwm.logOdds(i, base);
                }
            }
        }
        return scores;
    }

    /** Entry c: the best score the chunks from c on can add. */
    private static double[] bestFrom(double[][] chunks) {
        double[] best = new double[chunks.length + 1];
        for (int c = chunks.length - 1; c >= 0; c--) {
            best[c] = best[c + 1] + Arrays.stream(chunks[c]).max().orElseThrow();
        }
        return best;
    }

    /** Occupancy of a site of relative affinity x = 2^(score - best), scaled so a consensus site has 1. */
    static double of(double x) {
        return x * (1 + HALF_OCCUPANCY) / (x + HALF_OCCUPANCY);
    }

    /** Occupancy of the window of {@code motif} at {@code start} on the given strand. */
    static double of(Pwm motif, String sequence, int start, boolean minus) {
        return of(Math.pow(2, motif.score(sequence, start, minus) - motif.maxScore()));
    }

    /** Every occupied window (occupancy >= {@link #FLOOR}) of every motif in a sequence of A, C, G and T, by start. */
    List<Site> windows(String sequence) {
        int[] codes = kmerCodes(sequence);
        List<Site> out = new ArrayList<>();
        List<Site> candidates = new ArrayList<>();
        for (int m = 0; m < motifs.size(); m++) {
            int width = motifs.get(m).length();
            double best = motifs.get(m).maxScore();
            double floor = best + FLOOR_BITS;
            candidates.clear();
            for (int p = 0; p + width <= codes.length; p++) {
                double plus = score(codes, p, chunks[m][0], bestFrom[m][0], floor);
                double minus = score(codes, p, chunks[m][1], bestFrom[m][1], floor);
                double s = Math.max(plus, minus);
                if (s > Double.NEGATIVE_INFINITY) {
                    candidates.add(new Site(m, p, minus > plus, of(Math.pow(2, s - best))));
                }
            }
            suppressOverlaps(candidates, width, out);
        }
        out.sort(Comparator.comparingInt(Site::start).thenComparingInt(Site::motif));
        return out;
    }

    private static double score(int[] codes, int p, double[][] chunks, double[] bestFrom, double floor) {
        double s = 0;
        for (int c = 0; c < chunks.length; c++) {
            s += chunks[c][codes[p + K * c]];
            if (s + bestFrom[c + 1] < floor) {
                return Double.NEGATIVE_INFINITY;
            }
        }
        return s;
    }

    /** The 4-mer starting at each position, 2 bits a base (A 0, C 1, G 2, T 3), A past the end. */
    private static int[] kmerCodes(String sequence) {
        int n = sequence.length();
        int[] codes = new int[n];
        int code = 0;
        for (int i = n - 1; i >= 0; i--) {
            int base = "ACGT".indexOf(sequence.charAt(i));
            if (base < 0) {
                throw new IllegalArgumentException("not a base of A, C, G, T at " + (i + 1) + ": " + sequence.charAt(i));
            }
            code = (code >> 2) | (base << (2 * (K - 1)));
            codes[i] = code;
        }
        return codes;
    }

    /** Keeps the strongest of overlapping windows of one motif (ties: the earlier). */
    private static void suppressOverlaps(List<Site> candidates, int width, List<Site> kept) {
        if (candidates.size() > 1) {
            candidates.sort(Comparator.comparingDouble(Site::affinity).reversed().thenComparingInt(Site::start));
        }
        int first = kept.size();
        for (Site c : candidates) {
            boolean free = true;
            for (int k = first; k < kept.size() && free; k++) {
                free = Math.abs(kept.get(k).start() - c.start()) >= width;
            }
            if (free) {
                kept.add(c);
            }
        }
    }
}
