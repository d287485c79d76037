package org.regshift.motif;

/**
 * A position weight matrix over A, C, G, T (columns in that order): base probabilities per
 * position, with log-odds scores against a uniform background. Probabilities carry a small
 * pseudocount, so every base has a finite score.
 */
public final class Pwm {
    /** Total pseudocount spread over the four bases of a position. */
    public static final double PSEUDOCOUNT = 0.8;
    private static final double BACKGROUND = 0.25;
    private static final double LN2 = Math.log(2);

    private final String id;
    private final String name;
    private final double[][] probabilities;
    private final double[][] logOdds;
    /**
     * Log-odds by position and base code & 7 (N, code -1, lands on 7, which holds 0): the plus
     * strand, and the minus strand indexed by the sequence position it reads.
     */
    private final double[] plusTable;
    private final double[] minusTable;
    private final double maxScore;
    private final double minScore;

    /** From counts per position (rows: positions; columns: A, C, G, T) and the number of sites. */
    public static Pwm fromCounts(String id, String name, double[][] counts) {
        double[][] p = new double[counts.length][4];
        for (int i = 0; i < counts.length; i++) {
            double n = counts[i][0] + counts[i][1] + counts[i][2] + counts[i][3];
            for (int b = 0; b < 4; b++) {
                p[i][b] = (counts[i][b] + PSEUDOCOUNT / 4) / (n + PSEUDOCOUNT);
            }
        }
        return new Pwm(id, name, p);
    }

    public Pwm(String id, String name, double[][] probabilities) {
        if (probabilities.length == 0) {
            throw new IllegalArgumentException("motif " + id + " has no positions");
        }
        this.id = id;
        this.name = name;
        this.probabilities = new double[probabilities.length][];
        this.logOdds = new double[probabilities.length][4];
        double max = 0;
        double min = 0;
        for (int i = 0; i < probabilities.length; i++) {
            this.probabilities[i] = probabilities[i].clone();
            double best = Double.NEGATIVE_INFINITY;
            double worst = Double.POSITIVE_INFINITY;
            for (int b = 0; b < 4; b++) {
                logOdds[i][b] = Math.log(probabilities[i][b] / BACKGROUND) / LN2;
                best = Math.max(best, logOdds[i][b]);
                worst = Math.min(worst, logOdds[i][b]);
            }
            max += best;
            min += worst;
        }
        this.maxScore = max;
        this.minScore = min;
        int w = probabilities.length;
        this.plusTable = new double[8 * w];
        this.minusTable = new double[8 * w];
        for (int i = 0; i < w; i++) {
            for (int b = 0; b < 4; b++) {
                plusTable[8 * i + b] = logOdds[i][b];
                minusTable[8 * (w - 1 - i) + b] = logOdds[i][3 - b];
            }
        }
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public int length() {
        return probabilities.length;
    }

    /** Probability of base {@code b} (0=A, 1=C, 2=G, 3=T) at position {@code i}. */
    public double probability(int i, int b) {
        return probabilities[i][b];
    }

    /** The log-odds score (bits) of base {@code b} (0=A, 1=C, 2=G, 3=T) at position {@code i}. */
    public double logOdds(int i, int b) {
        return logOdds[i][b];
    }

    /** The best log-odds score (bits) any sequence reaches. */
    public double maxScore() {
        return maxScore;
    }

    /** The worst log-odds score (bits) any sequence gets. */
    public double minScore() {
        return minScore;
    }

    /** A copy of the probabilities, positions by A, C, G, T. */
    public double[][] probabilities() {
        double[][] copy = new double[probabilities.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = probabilities[i].clone();
        }
        return copy;
    }

    /**
     * Log-odds score (bits) of {@code seq[from..from+length)} read on the given strand: on the minus
     * strand the motif is matched to the reverse complement. N scores as the background (0).
     */
    public double score(CharSequence seq, int from, boolean minus) {
        return score(Bases.encode(seq, from, length()), 0, minus);
    }

    /** As {@link #score(CharSequence, int, boolean)}, on bases encoded by {@link Bases#encode}. */
    public double score(byte[] bases, int from, boolean minus) {
        double s = 0;
        int w = length();
        if (minus) {
            // motif position i reads sequence position w - 1 - i: summed in motif order, as ever
            for (int j = w - 1; j >= 0; j--) {
                s += minusTable[8 * j + (bases[from + j] & 7)];
            }
        } else {
            for (int i = 0; i < w; i++) {
                s += plusTable[8 * i + (bases[from + i] & 7)];
            }
        }
        return s;
    }

    /** This motif with every position's probabilities given (same id and name). */
    public Pwm withProbabilities(double[][] p) {
        return new Pwm(id, name, p);
    }
}
