package org.regshift.model.lean;

/**
 * Sums over runs of a float array, in eight float lanes so that the additions pipeline (the same
 * order every time); the runs are short (one sequence's positions of one channel), so float lanes
 * lose nothing that matters, and callers add the runs up in double.
 */
final class Runs {
    private static final int LANES = 8;

    private Runs() {
    }

    static double sum(float[] a, int from, int to) {
        float[] lanes = new float[LANES];
        int i = from;
        for (; i + LANES <= to; i += LANES) {
            for (int k = 0; k < LANES; k++) {
                lanes[k] += a[i + k];
            }
        }
        double s = 0;
        for (; i < to; i++) {
            s += a[i];
        }
        return s + total(lanes);
    }

    /** The sum of (a - centre) squared. */
    static double squaredDeviations(float[] a, int from, int to, float centre) {
        float[] lanes = new float[LANES];
        int i = from;
        for (; i + LANES <= to; i += LANES) {
            for (int k = 0; k < LANES; k++) {
                float d = a[i + k] - centre;
                lanes[k] += d * d;
            }
        }
        double s = 0;
        for (; i < to; i++) {
            double d = a[i] - centre;
            s += d * d;
        }
        return s + total(lanes);
    }

    /** The sum of g x (x - centre). */
    static double dotDeviations(float[] g, float[] x, int from, int to, float centre) {
        float[] lanes = new float[LANES];
        int i = from;
        for (; i + LANES <= to; i += LANES) {
            for (int k = 0; k < LANES; k++) {
                lanes[k] += g[i + k] * (x[i + k] - centre);
            }
        }
        double s = 0;
        for (; i < to; i++) {
            s += g[i] * (x[i] - centre);
        }
        return s + total(lanes);
    }

    /** The sum of a x b over [from, to) against b shifted by {@code shift}, where both are in range. */
    static double dot(float[] a, int from, int to, float[] b, int shift) {
        float[] lanes = new float[LANES];
        int i = from;
        for (; i + LANES <= to; i += LANES) {
            for (int k = 0; k < LANES; k++) {
                lanes[k] += a[i + k] * b[i + k + shift];
            }
        }
        double s = 0;
        for (; i < to; i++) {
            s += a[i] * b[i + shift];
        }
        return s + total(lanes);
    }

    private static double total(float[] lanes) {
        double s = 0;
        for (float lane : lanes) {
            s += lane;
        }
        return s;
    }
}
