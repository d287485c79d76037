package org.regshift.metrics;

/**
 * Selective prediction: rows ranked by an uncertainty score (smallest first are accepted first),
 * the selective risk at each coverage, its area (AURC, the mean selective risk over coverages
 * 1/n .. 1), the oracle's area (rows ranked by their true loss), E-AURC = AURC - oracle AURC
 * (Geifman et al. 2019), and the area under the sparsification error (AUSE, Ilg et al. 2018).
 */
public final class Selective {
    /** The per-row loss whose mean is the risk. */
    public enum Risk {
        SQUARED, ABSOLUTE;

        @Override
        public String toString() {
            return name().toLowerCase();
        }

        public double loss(double y, double mu) {
            double r = y - mu;
            return this == SQUARED ? r * r : Math.abs(r);
        }

        /** The error of a set of rows from its mean loss: RMSE for squared loss, MAE for absolute. */
        double error(double meanLoss) {
            return this == SQUARED ? Math.sqrt(meanLoss) : meanLoss;
        }
    }

    private Selective() {
    }

    public static double[] losses(double[] y, double[] mu, Risk risk) {
        double[] l = new double[y.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = risk.loss(y[i], mu[i]);
        }
        return l;
    }

    /**
     * Row indices by ascending score, ties in row order. Scores are ranked as floats, packed with
     * the index into one long per row, so ranking 10 million rows is one primitive sort.
     */
    public static int[] order(double[] score) {
        long[] packed = new long[score.length];
        for (int i = 0; i < score.length; i++) {
            int bits = Float.floatToIntBits((float) score[i]);
            int sortable = bits ^ ((bits >> 31) & 0x7fffffff);
            packed[i] = ((long) sortable << 32) | i;
        }
        java.util.Arrays.sort(packed);
        int[] order = new int[score.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = (int) packed[i];
        }
        return order;
    }

    /** Selective risk when the first k rows of the order are accepted, for k = 1..n. */
    public static double[] selectiveRisks(double[] loss, int[] order) {
        double[] risk = new double[order.length];
        double sum = 0;
        for (int k = 0; k < order.length; k++) {
            sum += loss[order[k]];
            risk[k] = sum / (k + 1);
        }
        return risk;
    }

    /** The area under a risk-coverage curve given as {@link #selectiveRisks}: their mean. */
    public static double aurc(double[] selectiveRisks) {
        double sum = 0;
        for (double r : selectiveRisks) {
            sum += r;
        }
        return sum / selectiveRisks.length;
    }

    /** Mean loss of the first ceil(coverage n) rows (at least one). */
    public static double riskAtCoverage(double[] loss, int[] order, double coverage) {
        int k = Math.max(1, (int) Math.ceil(coverage * order.length - 1e-9));
        double sum = 0;
        for (int i = 0; i < k; i++) {
            sum += loss[order[i]];
        }
        return sum / k;
    }

    /**
     * AUSE: the mean, over removed fractions 0, 0.01, ..., 0.99 of the most uncertain rows, of the
     * error of the rest (RMSE or MAE) minus the oracle's error at the same fraction; both curves
     * as {@link #selectiveRisks}, the oracle's with rows ranked by their loss.
     */
    public static double ause(double[] model, double[] oracle, Risk risk) {
        int n = model.length;
        double sum = 0;
        for (int f = 0; f < 100; f++) {
            int kept = Math.max(1, n - (int) Math.floor(f / 100.0 * n));
            sum += risk.error(model[kept - 1]) - risk.error(oracle[kept - 1]);
        }
        return sum / 100;
    }
}
