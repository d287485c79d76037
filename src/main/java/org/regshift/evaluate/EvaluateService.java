package org.regshift.evaluate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.regshift.io.AtomicOutputDir;
import org.regshift.io.InputException;
import org.regshift.io.Json;
import org.regshift.io.Numbers;
import org.regshift.io.TsvReader;
import org.regshift.io.TsvWriter;
import org.regshift.metrics.BoundedRows;
import org.regshift.metrics.Bounds;
import org.regshift.metrics.Metrics;
import org.regshift.metrics.PredictionTable;
import org.regshift.metrics.Selective;
import org.regshift.metrics.Truth;
import org.regshift.provenance.Provenance;

/**
 * The shift report: every metric per scenario (a named predictions table), its ratio to the
 * reference scenario, metrics per group with the worst-group gap, metrics.json, metrics.tsv,
 * plots, and a self-contained report.html.
 */
public final class EvaluateService {
    private static final int GROUP_BINS = 5;
    private static final int NUMERIC_GROUP_MIN_VALUES = 10;
    private static final int CURVE_POINTS = 100;

    /** A named predictions table, with its true values in its own 'y' column (truth null) or apart. */
    public record Scenario(String name, Path file, Truth truth) {
    }

    /**
     * {@code split} null evaluates every row, else only the rows of that split; {@code commonIds}
     * keeps only the IDs present in every scenario; {@code model} (a bundle) and
     * {@code uncalibratedMetrics} (evaluate's metrics.json of the same scenarios before calibration)
     * are optional, for the report.
     */
    public record Request(List<Scenario> scenarios, String reference, String groupBy, String split, double intervalLevel,
                          boolean commonIds, Path model, Path uncalibratedMetrics, Path out) {
    }

    private EvaluateService() {
    }

    public static Evaluation run(Request request, Provenance provenance) {
        String reference = request.reference() == null ? request.scenarios().get(0).name() : request.reference();
        ReportContext context = ReportContext.of(request.model(), request.uncalibratedMetrics());
        if (!context.uncalibrated().isEmpty()
                && request.scenarios().stream().noneMatch(s -> context.uncalibrated().containsKey(s.name()))) {
            throw InputException.inFile(request.uncalibratedMetrics(), "has none of the evaluated scenarios ("
                    + String.join(", ", request.scenarios().stream().map(Scenario::name).toList()) + ")");
        }
        double[] groupEdges = null;
        List<Scenario> ordered = new ArrayList<>(request.scenarios());
        ordered.sort((a, b) -> Boolean.compare(!a.name().equals(reference), !b.name().equals(reference)));
        List<Evaluation.ScenarioResult> scenarios = new ArrayList<>();
        MetricSet referenceMetrics = null;
        Map<String, String[]> ids = new LinkedHashMap<>();
        if (request.commonIds()) {
            ordered.forEach(s -> ids.put(s.name(), ids(s.file(), request.split())));
        }
        Set<String> common = request.commonIds() ? commonIds(ordered, ids) : null;
        for (Scenario s : ordered) {
            PredictionTable t = PredictionTable.read(s.file(), true, request.groupBy(), List.of(), true, s.truth(), request.split());
            Evaluation.Rows rows = null;
            if (common != null) {
                String[] tableIds = ids.get(s.name());
                t = t.subset(IntStream.range(0, tableIds.length).filter(i -> common.contains(tableIds[i])).toArray());
                rows = new Evaluation.Rows(tableIds.length, t.size());
            }
            t = t.withY();
            if (t.size() == 0) {
                throw InputException.inFile(s.file(), "has no rows with a true value y to evaluate");
            }
            if (t.group() != null && groupEdges == null) {
                groupEdges = numericEdges(t.group());
            }
            checkLowerUpperLevel(t, request.intervalLevel());
            Map<Double, Bounds> intervals = intervals(t, request.intervalLevel());
            MetricSet metrics = ScenarioMetrics.of(t.y(), t.mean(), t.varTotal(), intervals);
            referenceMetrics = referenceMetrics == null ? metrics : referenceMetrics;
            Map<String, MetricSet> groups = null;
            Map<String, Evaluation.WorstGroup> worst = null;
            if (t.group() != null) {
                groups = groups(t, groupEdges == null ? t.group() : binned(t.group(), groupEdges), request.intervalLevel());
                worst = worstGroup(metrics, groups);
            }
            scenarios.add(new Evaluation.ScenarioResult(s.name(), s.file(), metrics, intervalSources(intervals, request.intervalLevel()),
                    metrics.ratioTo(referenceMetrics), groups, worst, curves(t), rows));
        }
        Evaluation evaluation = new Evaluation(reference, request.split(), request.groupBy(), groupEdges, scenarios);
        try (AtomicOutputDir out = new AtomicOutputDir(request.out())) {
            Json.write(out.file("metrics.json"), evaluation.toJson());
            writeTable(out.file("metrics.tsv"), evaluation);
            ShiftReport.write(out.staging(), evaluation, context);
            provenance.write(out.file(AtomicOutputDir.PROVENANCE));
            out.commit();
        }
        return evaluation;
    }

    /** The IDs present in every scenario's table, from each scenario's IDs (of the split's rows). */
    private static Set<String> commonIds(List<Scenario> scenarios, Map<String, String[]> ids) {
        Set<String> common = null;
        for (Scenario s : scenarios) {
            Set<String> own = new HashSet<>(Arrays.asList(ids.get(s.name())));
            if (common == null) {
                common = own;
            } else {
                common.retainAll(own);
            }
            if (common.isEmpty()) {
                throw InputException.inFile(s.file(), "shares no ID with the scenarios before it (--common-ids)");
            }
        }
        return common;
    }

    /** The ID of each row {@link PredictionTable#read} keeps from the table, in order. */
    private static String[] ids(Path file, String split) {
        List<String> ids = new ArrayList<>();
        try (TsvReader reader = new TsvReader(file)) {
            int ic = reader.column("id");
            if (ic < 0) {
                throw InputException.atLine(file, 1, "no 'id' column: --common-ids matches rows by ID");
            }
            int sc = split == null ? -1 : reader.column("split");
            while (reader.next()) {
                if (sc < 0 || reader.field(sc).equals(split)) {
                    ids.add(reader.field(ic));
                }
            }
        }
        return ids.toArray(String[]::new);
    }

    /** The table's intervals at the evaluated levels (level -> bounds), those with a missing bound left out. */
    private static Map<Double, Bounds> intervals(PredictionTable t, double lowerUpperLevel) {
        Map<Double, Bounds> out = new LinkedHashMap<>();
        for (double level : ScenarioMetrics.LEVELS) {
            Bounds b = t.interval(level, lowerUpperLevel);
            if (b != null && DoubleStream.concat(Arrays.stream(b.lower()), Arrays.stream(b.upper())).noneMatch(Double::isNaN)) {
                out.put(level, b);
            }
        }
        return out;
    }

    /**
     * lower/upper must be at {@code lowerUpperLevel}: when they are the central Gaussian interval of
     * var_total at another level (the same z on every row), that is an input error naming it.
     */
    private static void checkLowerUpperLevel(PredictionTable t, double lowerUpperLevel) {
        Bounds main = t.interval(lowerUpperLevel, lowerUpperLevel);
        if (main == null || t.size() == 0) {
            return;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < t.size(); i++) {
            if (!Double.isFinite(t.varTotal()[i])) {
                continue;
            }
            double z = (main.upper()[i] - main.lower()[i]) / (2 * Math.sqrt(t.varTotal()[i]));
            min = Math.min(min, z);
            max = Math.max(max, z);
        }
        double expected = Metrics.zOf(lowerUpperLevel);
        if (min <= max && max - min < 1e-4 * min && Math.abs(min - expected) > 1e-3 * expected) {
            double level = Math.round(1e4 * (2 * new NormalDistribution().cumulativeProbability((min + max) / 2) - 1)) / 1e4;
            throw InputException.inFile(t.file(), "lower/upper are the central intervals of var_total at level "
                    + Numbers.format(level) + ", not at --interval-level " + Numbers.format(lowerUpperLevel));
        }
    }

    /** Where each level's coverage and width come from: the columns' names, or the Gaussian. */
    private static Map<String, String> intervalSources(Map<Double, Bounds> intervals, double lowerUpperLevel) {
        Map<String, String> sources = new LinkedHashMap<>();
        for (double level : ScenarioMetrics.LEVELS) {
            String suffix = PredictionTable.boundSuffix(level, lowerUpperLevel);
            sources.put(ScenarioMetrics.percent(level), intervals.containsKey(level) ? "lower" + suffix + "/upper" + suffix
                    : "N(mean, var_total)");
        }
        return sources;
    }

    private static Evaluation.Curves curves(PredictionTable t) {
        double[] y = t.y();
        double[] mu = t.mean();
        double[] var = t.varTotal();
        double[] loss = Selective.losses(y, mu, Selective.Risk.SQUARED);
        double[] risks = Selective.selectiveRisks(loss, Selective.order(var));
        double[] coverage = new double[CURVE_POINTS];
        double[] risk = new double[CURVE_POINTS];
        for (int p = 0; p < CURVE_POINTS; p++) {
            coverage[p] = (p + 1) / (double) CURVE_POINTS;
            risk[p] = risks[Math.max(1, (int) Math.ceil(coverage[p] * risks.length - 1e-9)) - 1];
        }
        return new Evaluation.Curves(Metrics.quantileCalibrationCurve(y, mu, var, 99), Metrics.calibrationCurve(y, mu, var, 99),
                new double[][] {coverage, risk});
    }

    /** Quantile bin edges when the group column is numeric with many values (GC), else null. */
    private static double[] numericEdges(String[] groups) {
        if (Arrays.stream(groups).distinct().limit(NUMERIC_GROUP_MIN_VALUES + 1).count() <= NUMERIC_GROUP_MIN_VALUES) {
            return null;
        }
        double[] v;
        try {
            v = Arrays.stream(groups).mapToDouble(Double::parseDouble).sorted().toArray();
        } catch (NumberFormatException e) {
            return null;
        }
        double[] edges = new double[GROUP_BINS - 1];
        for (int k = 1; k < GROUP_BINS; k++) {
            edges[k - 1] = v[(int) ((long) k * v.length / GROUP_BINS)];
        }
        return edges;
    }

    private static String[] binned(String[] groups, double[] edges) {
        String[] out = new String[groups.length];
        String[] labels = new String[edges.length + 1];
        for (int k = 0; k <= edges.length; k++) {
            labels[k] = "bin" + (k + 1) + " [" + (k == 0 ? "min" : Numbers.format(edges[k - 1])) + ", "
                    + (k == edges.length ? "max]" : Numbers.format(edges[k]) + ")");
        }
        for (int i = 0; i < groups.length; i++) {
            double x = Double.parseDouble(groups[i]);
            int k = 0;
            while (k < edges.length && x >= edges[k]) {
                k++;
            }
            out[i] = labels[k];
        }
        return out;
    }

    private static Map<String, MetricSet> groups(PredictionTable t, String[] groups, double lowerUpperLevel) {
        Map<String, MetricSet> out = new LinkedHashMap<>();
        for (String g : Arrays.stream(groups).distinct().sorted().toList()) {
            int[] rows = IntStream.range(0, groups.length).filter(i -> groups[i].equals(g)).toArray();
            PredictionTable s = t.subset(rows);
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("rmse", Metrics.rmse(s.y(), s.mean()));
            m.put("pearson", Metrics.pearson(s.y(), s.mean()));
            m.put("nll", BoundedRows.of(s.y(), s.mean(), s.varTotal()).nll());
            Bounds b = intervals(s, lowerUpperLevel).get(0.9);
            m.put("coverage_90", b == null ? Metrics.coverage(s.y(), s.mean(), s.varTotal(), 0.9) : Metrics.coverage(s.y(), b));
            out.put(g, new MetricSet(rows.length, m));
        }
        return out;
    }

    /** The worst group per metric and its gap to the whole scenario. */
    private static Map<String, Evaluation.WorstGroup> worstGroup(MetricSet overall, Map<String, MetricSet> groups) {
        Map<String, Evaluation.WorstGroup> worst = new LinkedHashMap<>();
        for (String metric : List.of("rmse", "pearson", "nll", "coverage_90")) {
            String worstName = null;
            double worstBad = Double.NEGATIVE_INFINITY;
            double worstValue = Double.NaN;
            for (Map.Entry<String, MetricSet> g : groups.entrySet()) {
                double x = g.getValue().get(metric);
                if (Double.isNaN(x)) {
                    continue;
                }
                double bad = switch (metric) {
                    case "pearson" -> -x;
                    case "coverage_90" -> Math.abs(x - 0.9);
                    default -> x;
                };
                if (bad > worstBad) {
                    worstBad = bad;
                    worstName = g.getKey();
                    worstValue = x;
                }
            }
            worst.put(metric, new Evaluation.WorstGroup(worstName, Json.number(worstValue),
                    Json.number(worstValue - overall.get(metric))));
        }
        return worst;
    }

    /** One row per scenario and group ("all" for the whole scenario), one column per metric. */
    private static void writeTable(Path file, Evaluation evaluation) {
        List<String> metricNames = evaluation.scenarios().get(0).metrics().names();
        List<String> header = new ArrayList<>(List.of("scenario", "group"));
        header.addAll(metricNames);
        try (TsvWriter w = new TsvWriter(file, header)) {
            for (Evaluation.ScenarioResult s : evaluation.scenarios()) {
                w.row(row(s.name(), "all", s.metrics(), metricNames));
                if (s.groups() != null) {
                    s.groups().forEach((g, m) -> w.row(row(s.name(), g, m, metricNames)));
                }
            }
        }
    }

    private static List<Object> row(String scenario, String group, MetricSet metrics, List<String> names) {
        List<Object> row = new ArrayList<>(List.of(scenario, group));
        for (String n : names) {
            if (n.equals("n")) {
                row.add(metrics.n());
                continue;
            }
            Double v = metrics.values().get(n);
            row.add(v == null || Double.isNaN(v) ? "NA" : v);
        }
        return row;
    }
}
