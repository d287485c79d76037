package org.regshift.calibrate;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.regshift.io.Json;
import org.regshift.metrics.Metrics;

/**
 * Split conformal prediction with the normalised score |y - mu| / sigma: at each level the
 * threshold q is the ceil(level (n + 1))-th smallest calibration score, and a row's interval is
 * mu +- q sigma; its variance is (q sigma / z)^2 at the first level, the variance whose Gaussian
 * interval is that interval. Mondrian: thresholds per group (any column's values, or GC bins),
 * each from its own rows. A group unseen in calibration, or with fewer rows than the highest level
 * needs for a finite threshold ({@link #minimumRows}), uses the global thresholds.
 */
public record Conformal(double[] levels, double[] globalThresholds, Map<String, double[]> groupThresholds, String groupedBy,
                        Map<String, Integer> smallGroups) implements Calibrator {

    /** Global split conformal at each level. */
    public static Conformal fit(double[] y, double[] mu, double[] var, double... levels) {
        return new Conformal(levels, thresholds(scores(y, mu, var, null, null), levels), Map.of(), null, Map.of());
    }

    /** Mondrian conformal: thresholds per group of the calibration rows; small groups (and their row counts) apart. */
    public static Conformal fitMondrian(double[] y, double[] mu, double[] var, String[] groups, String groupedBy,
                                        double... levels) {
        Map<String, double[]> thresholds = new LinkedHashMap<>();
        Map<String, Integer> small = new LinkedHashMap<>();
        int minimum = minimumRows(levels);
        for (String g : Arrays.stream(groups).distinct().sorted().toList()) {
            double[] scores = scores(y, mu, var, groups, g);
            if (scores.length < minimum) {
                small.put(g, scores.length);
            } else {
                thresholds.put(g, thresholds(scores, levels));
            }
        }
        return new Conformal(levels, thresholds(scores(y, mu, var, null, null), levels), thresholds, groupedBy, small);
    }

    /** The fewest calibration rows whose thresholds are finite at every level: ceil(level (n + 1)) <= n. */
    public static int minimumRows(double[] levels) {
        double highest = Arrays.stream(levels).max().orElseThrow();
        int n = 1;
        while (Math.ceil(highest * (n + 1)) > n) {
            n++;
        }
        return n;
    }

    private static double[] thresholds(double[] scores, double[] levels) {
        return Arrays.stream(levels).map(level -> threshold(scores, level)).toArray();
    }

    /**
     * The ceil(level (n + 1))-th smallest score; infinite when that rank exceeds n (too few
     * calibration rows for the level), as split conformal prescribes.
     */
    static double threshold(double[] scores, double level) {
        if (scores.length == 0) {
            throw new IllegalArgumentException("no calibration rows");
        }
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(level * (sorted.length + 1));
        return rank > sorted.length ? Double.POSITIVE_INFINITY : sorted[rank - 1];
    }

    private static double[] scores(double[] y, double[] mu, double[] var, String[] groups, String group) {
        return IntStream.range(0, y.length).filter(i -> groups == null || groups[i].equals(group))
                .mapToDouble(i -> Math.abs(y[i] - mu[i]) / Math.sqrt(var[i])).toArray();
    }

    private double threshold(String group, int level) {
        return groupThresholds.getOrDefault(group, globalThresholds)[level];
    }

    @Override
    public double variance(double mean, double variance, RowContext row) {
        double ratio = threshold(row.group(), 0) / Metrics.zOf(levels[0]);
        return variance * ratio * ratio;
    }

    @Override
    public double[] interval(double mean, double variance, RowContext row, double level) {
        int k = Calibrator.indexOf(levels, level);
        double half = threshold(row.group(), k) * Math.sqrt(variance);
        return new double[] {mean - half, mean + half};
    }

    @Override
    public Map<String, Object> describe() {
        return groupedBy == null
                ? Json.object("method", "conformal", "levels", levels, "thresholds", numbers(globalThresholds))
                : Json.object("method", "mondrian", "levels", levels, "grouped_by", groupedBy,
                        "global_thresholds", numbers(globalThresholds), "group_thresholds", groupMap(),
                        "minimum_group_rows", minimumRows(levels), "small_groups_on_global_thresholds", smallGroups);
    }

    private Map<String, Object> groupMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        groupThresholds.forEach((g, t) -> m.put(g, numbers(t)));
        return m;
    }

    private static Object numbers(double[] values) {
        return Arrays.stream(values).mapToObj(Json::number).toList();
    }
}
