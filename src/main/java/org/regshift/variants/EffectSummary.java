package org.regshift.variants;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
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

    /** Adds an effect; {@code measured} is NaN when unknown; {@code category} is null then and when it is 0 (no call). */
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

    /** The summary of all effects and of each group, by the group's name. */
    Map<String, Description> perGroup(Columns c) {
        Map<String, Description> perGroup = new LinkedHashMap<>();
        groups.forEach((name, g) -> perGroup.put(name, describe(c, i -> c.group()[i] == g)));
        return perGroup;
    }

    /** How consistent the members are; with {@code measured} when some effects were measured. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Description(int effects, Double consistentFraction, Double meanSignAgreement, Double meanEffectSd,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Measured measured) {
    }

    /**
     * Of the measured effects: how many are no calls (measured or predicted exactly 0), Bajwa's
     * categories as fractions and the sign accuracy over the others, the correlations over all.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Measured(int effects, int noCalls, Double consistentlyCorrect, Double consistentlyIncorrect, Double inconsistent,
                    Double signAccuracy, Double pearson, Double spearman) {
    }

    /** The summary of all effects. */
    static Description describe(Columns c) {
        return describe(c, i -> true);
    }

    private static Description describe(Columns c, IntPredicate keep) {
        int[] rows = IntStream.range(0, c.effect().length).filter(keep).toArray();
        int[] measured = IntStream.of(rows).filter(i -> !Double.isNaN(c.measured()[i])).toArray();
        return new Description(rows.length, Json.number(fraction(rows, i -> c.agreement()[i] == 1)),
                Json.number(IntStream.of(rows).mapToDouble(i -> c.agreement()[i]).average().orElse(Double.NaN)),
                Json.number(IntStream.of(rows).mapToDouble(i -> c.sd()[i]).average().orElse(Double.NaN)),
                measured.length > 0 ? measured(c, measured) : null);
    }

    private static Measured measured(Columns c, int[] rows) {
        double[] predicted = IntStream.of(rows).mapToDouble(i -> c.effect()[i]).toArray();
        double[] observed = IntStream.of(rows).mapToDouble(i -> c.measured()[i]).toArray();
        int[] called = IntStream.of(rows).filter(i -> c.measured()[i] != 0 && c.effect()[i] != 0).toArray();
        int[] categorised = IntStream.of(rows).filter(i -> c.category()[i] >= 0).toArray();
        return new Measured(rows.length, rows.length - called.length, category(c, categorised, Agreement.CONSISTENTLY_CORRECT),
                category(c, categorised, Agreement.CONSISTENTLY_INCORRECT), category(c, categorised, Agreement.INCONSISTENT),
                Json.number(fraction(called, i -> Math.signum(c.effect()[i]) == Math.signum(c.measured()[i]))),
                Json.number(Metrics.pearson(predicted, observed)), Json.number(Metrics.spearman(predicted, observed)));
    }

    private static Double category(Columns c, int[] rows, Agreement a) {
        return Json.number(fraction(rows, i -> c.category()[i] == a.ordinal()));
    }

    private static double fraction(int[] rows, IntPredicate test) {
        return rows.length == 0 ? Double.NaN : (double) IntStream.of(rows).filter(test).count() / rows.length;
    }
}
