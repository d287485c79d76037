package org.regshift.metrics;

import java.util.Arrays;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.regshift.io.Json;

/** n, mean, min, quartiles and max of the finite values of a distribution; only n when there are none. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Quantiles(int n, Double mean, Double min, Double q25, Double median, Double q75, Double max) {

    /** The summary of the finite values (missing values are skipped). */
    public static Quantiles of(double[] values) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) {
            return new Quantiles(0, null, null, null, null, null, null);
        }
        Percentile p = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        p.setData(v);
        return new Quantiles(v.length, Json.number(Arrays.stream(v).average().orElse(Double.NaN)), v[0], p.evaluate(25),
                p.evaluate(50), p.evaluate(75), v[v.length - 1]);
    }
}
