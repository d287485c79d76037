package org.regshift.metrics;


/** Summaries of paired values that QC and reports share. */
public final class Summary {
    private Summary() {
    }

    /** How many pairs have both values finite. */
    public static int finitePairCount(double[] x, double[] y) {
        return finitePairs(x, y)[0].length;
    }

    /** The pairs where both values are finite, as {x values, y values}. */
    static double[][] finitePairs(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("paired values differ in length: " + x.length + " and " + y.length);
        }
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                n++;
            }
        }
        double[] a = new double[n];
        double[] b = new double[n];
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                a[k] = x[i];
                b[k++] = y[i];
            }
        }
        return new double[][] {a, b};
    }
}
