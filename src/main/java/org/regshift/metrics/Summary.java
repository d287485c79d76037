package org.regshift.metrics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.regshift.io.Json;

/** Summaries of a distribution (quantiles) and of paired values that QC and reports share. */
public final class Summary {
    private Summary() {
    }

    /** n, mean, min, quartiles and max of the finite values (missing values are skipped). */
    public static Map<String, Object> quantiles(double[] values) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("n", v.length);
        if (v.length == 0) {
            return q;
        }
        Percentile p = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        p.setData(v);
        q.put("mean", Json.number(Arrays.stream(v).average().orElse(Double.NaN)));
        q.put("min", v[0]);
        q.put("q25", p.evaluate(25));
        q.put("median", p.evaluate(50));
        q.put("q75", p.evaluate(75));
        q.put("max", v[v.length - 1]);
        return q;
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
