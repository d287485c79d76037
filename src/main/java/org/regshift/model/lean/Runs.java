package org.regshift.model.lean;

/**
 * Sums over runs of a float array, in eight float lanes so that the additions pipeline (the same
 * order every time); the runs are short (one sequence's positions of one channel), so float lanes
 * lose nothing that matters, and callers add the runs up in double.
 */
final class Runs {
    private Runs() {
    }

    static double sum(float[] a, int from, int to) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
            s4 += a[i + 4];
            s5 += a[i + 5];
            s6 += a[i + 6];
            s7 += a[i + 7];
        }
        double s = ((double) s0 + s1) + ((double) s2 + s3) + ((double) s4 + s5) + ((double) s6 + s7);
        for (; i < to; i++) {
            s += a[i];
        }
        return s;
    }

    /** The sum of (a - centre) squared. */
    static double squaredDeviations(float[] a, int from, int to, float centre) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            s0 += (a[i] - centre) * (a[i] - centre);
            s1 += (a[i + 1] - centre) * (a[i + 1] - centre);
            s2 += (a[i + 2] - centre) * (a[i + 2] - centre);
            s3 += (a[i + 3] - centre) * (a[i + 3] - centre);
            s4 += (a[i + 4] - centre) * (a[i + 4] - centre);
            s5 += (a[i + 5] - centre) * (a[i + 5] - centre);
            s6 += (a[i + 6] - centre) * (a[i + 6] - centre);
            s7 += (a[i + 7] - centre) * (a[i + 7] - centre);
        }
        double s = ((double) s0 + s1) + ((double) s2 + s3) + ((double) s4 + s5) + ((double) s6 + s7);
        for (; i < to; i++) {
            s += (double) (a[i] - centre) * (a[i] - centre);
        }
        return s;
    }

    /**
     * Adds the sum of g to {@code sums[sumAt]} and the sum of g x (x - centre) to
     * {@code sums[dotAt]}, in one pass.
     */
    static void addSumAndDotDeviations(float[] g, float[] x, int from, int to, float centre, double[] sums, int sumAt,
                                       int dotAt) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        float d0 = 0, d1 = 0, d2 = 0, d3 = 0, d4 = 0, d5 = 0, d6 = 0, d7 = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            s0 += g[i];
            s1 += g[i + 1];
            s2 += g[i + 2];
            s3 += g[i + 3];
            s4 += g[i + 4];
            s5 += g[i + 5];
            s6 += g[i + 6];
            s7 += g[i + 7];
            d0 += g[i] * (x[i] - centre);
            d1 += g[i + 1] * (x[i + 1] - centre);
            d2 += g[i + 2] * (x[i + 2] - centre);
            d3 += g[i + 3] * (x[i + 3] - centre);
            d4 += g[i + 4] * (x[i + 4] - centre);
            d5 += g[i + 5] * (x[i + 5] - centre);
            d6 += g[i + 6] * (x[i + 6] - centre);
            d7 += g[i + 7] * (x[i + 7] - centre);
        }
        double s = ((double) s0 + s1) + ((double) s2 + s3) + ((double) s4 + s5) + ((double) s6 + s7);
        double d = ((double) d0 + d1) + ((double) d2 + d3) + ((double) d4 + d5) + ((double) d6 + d7);
        for (; i < to; i++) {
            s += g[i];
            d += g[i] * (x[i] - centre);
        }
        sums[sumAt] += s;
        sums[dotAt] += d;
    }

    /** The sum of a x b over [from, to) against b shifted by {@code shift}, where both are in range. */
    static double dot(float[] a, int from, int to, float[] b, int shift) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            s0 += a[i] * b[i + shift];
            s1 += a[i + 1] * b[i + 1 + shift];
            s2 += a[i + 2] * b[i + 2 + shift];
            s3 += a[i + 3] * b[i + 3 + shift];
            s4 += a[i + 4] * b[i + 4 + shift];
            s5 += a[i + 5] * b[i + 5 + shift];
            s6 += a[i + 6] * b[i + 6 + shift];
            s7 += a[i + 7] * b[i + 7 + shift];
        }
        double s = ((double) s0 + s1) + ((double) s2 + s3) + ((double) s4 + s5) + ((double) s6 + s7);
        for (; i < to; i++) {
            s += a[i] * b[i + shift];
        }
        return s;
    }
}
