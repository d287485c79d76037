package org.regshift.evaluate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.regshift.io.Json;

/**
 * Named metric values of one set of rows, in a fixed order (as metrics.json and metrics.tsv list
 * them), with the number of rows they came from; {@code n} is null for a set of ratios.
 */
public record MetricSet(Integer n, Map<String, Double> values) {
    public MetricSet {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** A metric's value; NaN when it is missing or undefined. */
    public double get(String metric) {
        if (metric.equals("n") && n != null) {
            return n;
        }
        Double v = values.get(metric);
        return v == null ? Double.NaN : v;
    }

    /** The metric names, "n" first when there is one. */
    public List<String> names() {
        List<String> names = new java.util.ArrayList<>();
        if (n != null) {
            names.add("n");
        }
        names.addAll(values.keySet());
        return names;
    }

    /** Each metric over the same metric of {@code reference}, where both are defined and the reference is not 0. */
    public MetricSet ratioTo(MetricSet reference) {
        Map<String, Double> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            double r = reference.get(k);
            if (v != null && !Double.isNaN(v) && !Double.isNaN(r) && r != 0) {
                out.put(k, Json.number(v / r));
            }
        });
        return new MetricSet(null, out);
    }

    /** The JSON object: n first, then every value (NaN as null). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (n != null) {
            m.put("n", n);
        }
        values.forEach((k, v) -> m.put(k, v == null ? null : Json.number(v)));
        return m;
    }
}
