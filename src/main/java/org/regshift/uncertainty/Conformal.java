package org.regshift.uncertainty;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.regshift.evaluate.Metrics;
import org.regshift.io.Json;

/**
 * Split conformal prediction with the normalised score |y - mu| / sigma: the threshold q is the
 * ceil((1 - alpha)(n + 1))-th smallest calibration score, and a row's interval is mu +- q sigma,
 * expressed as the variance (q sigma / z)^2 whose Gaussian interval at the level is that interval.
 * Mondrian: one threshold per group (any column's values, or GC bins), each from its own rows; a
 * group unseen in calibration falls back to the global threshold.
 */
public record Conformal(double level, double globalThreshold, Map<String, Double> groupThresholds, String groupedBy)
        implements Calibrator {

    /** Global split conformal. */
    public static Conformal fit(double[] y, double[] mu, double[] var, double level) {
        return new Conformal(level, threshold(scores(y, mu, var, null, null), level), Map.of(), null);
    }

    /** Mondrian conformal: a threshold per group of the calibration rows. */
    public static Conformal fitMondrian(double[] y, double[] mu, double[] var, String[] groups, double level, String groupedBy) {
        Map<String, Double> thresholds = new LinkedHashMap<>();
        for (String g : Arrays.stream(groups).distinct().sorted().toList()) {
            thresholds.put(g, threshold(scores(y, mu, var, groups, g), level));
        }
        return new Conformal(level, threshold(scores(y, mu, var, null, null), level), thresholds, groupedBy);
    }

    /**
     * The ceil((1 - alpha)(n + 1))-th smallest score; infinite when that rank exceeds n (too few
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
        return java.util.stream.IntStream.range(0, y.length).filter(i -> groups == null || groups[i].equals(group))
                .mapToDouble(i -> Math.abs(y[i] - mu[i]) / Math.sqrt(var[i])).toArray();
    }

    @Override
    public double variance(double mean, double variance, String group) {
        double q = groupThresholds.getOrDefault(group, globalThreshold);
        double ratio = q / Metrics.zOf(level);
        return variance * ratio * ratio;
    }

    @Override
    public Map<String, Object> describe() {
        return groupThresholds.isEmpty()
                ? Json.object("method", "conformal", "level", level, "threshold", Json.number(globalThreshold))
                : Json.object("method", "mondrian", "level", level, "grouped_by", groupedBy,
                        "global_threshold", Json.number(globalThreshold), "thresholds", groupThresholds);
    }
}
