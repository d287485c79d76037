package org.regshift.variants;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import org.regshift.io.Json;
import org.regshift.metrics.Metrics;

/**
 * What summary.json says about the scored effects, overall and per group (a contig): how often the
 * members agree on the sign and, where the effect was measured, Bajwa's three categories, the
 * ensemble's sign accuracy and the Pearson and Spearman correlation of predicted with measured
 * effects. Keeps five numbers per effect (the correlations need them all): 40 bytes each.
 */
final class EffectSummary {
    private final Map<String, Integer> groups = new LinkedHashMap<>();
    private final IntStream.Builder group = IntStream.builder();
    private final DoubleStream.Builder effect = DoubleStream.builder();
    private final DoubleStream.Builder sd = DoubleStream.builder();
    private final DoubleStream.Builder agreement = DoubleStream.builder();
    private final DoubleStream.Builder measured = DoubleStream.builder();
    private final IntStream.Builder category = IntStream.builder();

    /** The effects, as arrays in the order added. */
    record Columns(int[] group, double[] effect, double[] sd, double[] agreement, double[] measured, int[] category) {
    }

    /** Adds an effect; {@code measured} is NaN when unknown, and then {@code category} is null. */
    void add(String groupName, AlleleEffect e, double measuredEffect, Agreement categoryOf) {
        group.add(groups.computeIfAbsent(groupName, g -> groups.size()));
        effect.add(e.meanEffect());
        sd.add(e.effectSd());
        agreement.add(e.signAgreement());
        measured.add(measuredEffect);
        category.add(categoryOf == null ? -1 : categoryOf.ordinal());
    }

    Columns columns() {
        return new Columns(group.build().toArray(), effect.build().toArray(), sd.build().toArray(),
                agreement.build().toArray(), measured.build().toArray(), category.build().toArray());
    }

    /** The summary of all effects and, under {@code groupKey}, of each group. */
    static Map<String, Object> report(Columns c, List<String> groupNames, String groupKey) {
        Map<String, Object> report = describe(c);
        Map<String, Object> perGroup = new LinkedHashMap<>();
        for (int g = 0; g < groupNames.size(); g++) {
            int wanted = g;
            perGroup.put(groupNames.get(g), describe(c, i -> c.group()[i] == wanted));
        }
        report.put(groupKey, perGroup);
        return report;
    }

    List<String> groupNames() {
        return new ArrayList<>(groups.keySet());
    }

    /** The summary of all effects. */
    static Map<String, Object> describe(Columns c) {
        return describe(c, i -> true);
    }

    private static Map<String, Object> describe(Columns c, java.util.function.IntPredicate keep) {
        int[] rows = IntStream.range(0, c.effect().length).filter(keep).toArray();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("effects", rows.length);
        d.put("consistent_fraction", Json.number(fraction(rows, i -> c.agreement()[i] == 1)));
        d.put("mean_sign_agreement", Json.number(IntStream.of(rows).mapToDouble(i -> c.agreement()[i]).average().orElse(Double.NaN)));
        d.put("mean_effect_sd", Json.number(IntStream.of(rows).mapToDouble(i -> c.sd()[i]).average().orElse(Double.NaN)));
        int[] measured = IntStream.of(rows).filter(i -> c.category()[i] >= 0).toArray();
        if (measured.length > 0) {
            Map<String, Object> truth = new LinkedHashMap<>();
            truth.put("effects", measured.length);
            for (Agreement a : Agreement.values()) {
                truth.put(a.label(), Json.number(fraction(measured, i -> c.category()[i] == a.ordinal())));
            }
            truth.put("sign_accuracy", Json.number(fraction(measured, i -> c.effect()[i] > 0 == c.measured()[i] > 0)));
            double[] predicted = IntStream.of(measured).mapToDouble(i -> c.effect()[i]).toArray();
            double[] observed = IntStream.of(measured).mapToDouble(i -> c.measured()[i]).toArray();
            truth.put("pearson", Json.number(Metrics.pearson(predicted, observed)));
            truth.put("spearman", Json.number(Metrics.spearman(predicted, observed)));
            d.put("measured", truth);
        }
        return d;
    }

    private static double fraction(int[] rows, java.util.function.IntPredicate test) {
        return rows.length == 0 ? Double.NaN : (double) IntStream.of(rows).filter(test).count() / rows.length;
    }
}
