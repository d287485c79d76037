package org.regshift.evaluate;
import org.regshift.metrics.Metrics;
import org.regshift.metrics.PredictionTable;
import org.regshift.metrics.Selective;
import org.regshift.metrics.Truth;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.regshift.io.AtomicOutputDir;
import org.regshift.io.InputException;
import org.regshift.io.Json;
import org.regshift.io.Numbers;
import org.regshift.io.TsvWriter;
import org.regshift.provenance.Provenance;
import org.regshift.plot.Plots;

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

    /** {@code split} null evaluates every row, else only the rows of that split. */
    public record Request(List<Scenario> scenarios, String reference, String groupBy, String split, Path out) {
    }

    /** What the report shows of one scenario: its metrics and its curves. */
    public record Result(String name, Map<String, Object> metrics, double[][] reliability, double[][] intervalCoverage,
                         double[][] riskCoverage) {
    }

    private EvaluateService() {
    }

    public static Map<String, Object> run(Request request, Provenance provenance) {
        String reference = request.reference() == null ? request.scenarios().get(0).name() : request.reference();
        List<Result> results = new ArrayList<>();
        Map<String, Object> scenarios = new LinkedHashMap<>();
        double[] groupEdges = null;
        List<Scenario> ordered = new ArrayList<>(request.scenarios());
        ordered.sort((a, b) -> Boolean.compare(!a.name().equals(reference), !b.name().equals(reference)));
        for (Scenario s : ordered) {
            PredictionTable t = PredictionTable.read(s.file(), true, request.groupBy(), List.of(), s.truth(), request.split())
                    .withY();
            if (t.size() == 0) {
                throw InputException.inFile(s.file(), "has no rows with a true value y to evaluate");
            }
            if (t.group() != null && groupEdges == null) {
                groupEdges = numericEdges(t.group());
            }
            Result r = evaluate(s.name(), t);
            results.add(r);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("file", s.file().toString());
            entry.put("metrics", r.metrics());
            if (t.group() != null) {
                String[] groups = groupEdges == null ? t.group() : binned(t.group(), groupEdges);
                Map<String, Object> perGroup = groups(t, groups);
                entry.put("groups", perGroup);
                entry.put("worst_group", worstGroup(r.metrics(), perGroup));
            }
            scenarios.put(s.name(), entry);
        }
        Map<String, Object> referenceMetrics = results.get(0).metrics();
        for (Result r : results) {
            @SuppressWarnings("unchecked")
            Map<String, Object> entry = (Map<String, Object>) scenarios.get(r.name());
            entry.put("ratio_to_reference", ratios(r.metrics(), referenceMetrics));
        }
        Map<String, Object> report = Json.object("reference", reference, "split", request.split(), "group_by", request.groupBy(),
                "group_bin_edges", groupEdges, "scenarios", scenarios);
        try (AtomicOutputDir out = new AtomicOutputDir(request.out())) {
            Json.write(out.file("metrics.json"), report);
            writeTable(out.file("metrics.tsv"), scenarios);
            ShiftReport.write(out.staging(), results, report);
            provenance.write(out.file(AtomicOutputDir.PROVENANCE));
            out.commit();
        }
        return report;
    }

    private static Result evaluate(String name, PredictionTable t) {
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
        return new Result(name, ScenarioMetrics.of(y, mu, var), Metrics.quantileCalibrationCurve(y, mu, var, 99),
                Metrics.calibrationCurve(y, mu, var, 99), new double[][] {coverage, risk});
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

    private static Map<String, Object> groups(PredictionTable t, String[] groups) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String g : Arrays.stream(groups).distinct().sorted().toList()) {
            int[] rows = IntStream.range(0, groups.length).filter(i -> groups[i].equals(g)).toArray();
            PredictionTable s = t.subset(rows);
            out.put(g, Json.object("n", rows.length, "rmse", Metrics.rmse(s.y(), s.mean()),
                    "pearson", Json.number(Metrics.pearson(s.y(), s.mean())), "nll", Metrics.nll(s.y(), s.mean(), s.varTotal()),
                    "coverage_90", Metrics.coverage(s.y(), s.mean(), s.varTotal(), 0.9)));
        }
        return out;
    }

    /** The worst group per metric and its gap to the whole scenario. */
    private static Map<String, Object> worstGroup(Map<String, Object> overall, Map<String, Object> groups) {
        Map<String, Object> worst = new LinkedHashMap<>();
        for (String metric : List.of("rmse", "pearson", "nll", "coverage_90")) {
            String worstName = null;
            double worstBad = Double.NEGATIVE_INFINITY;
            double worstValue = Double.NaN;
            for (Map.Entry<String, Object> g : groups.entrySet()) {
                Object v = ((Map<?, ?>) g.getValue()).get(metric);
                if (!(v instanceof Number n) || Double.isNaN(n.doubleValue())) {
                    continue;
                }
                double x = n.doubleValue();
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
            Object all = overall.get(metric);
            double gap = all instanceof Number n ? worstValue - n.doubleValue() : Double.NaN;
            worst.put(metric, Json.object("group", worstName, "value", Json.number(worstValue), "gap", Json.number(gap)));
        }
        return worst;
    }

    private static Map<String, Object> ratios(Map<String, Object> metrics, Map<String, Object> reference) {
        Map<String, Object> out = new LinkedHashMap<>();
        metrics.forEach((k, v) -> {
            Object r = reference.get(k);
            if (!k.equals("n") && v instanceof Number a && r instanceof Number b && b.doubleValue() != 0) {
                out.put(k, Json.number(a.doubleValue() / b.doubleValue()));
            }
        });
        return out;
    }

    /** One row per scenario and group ("all" for the whole scenario), one column per metric. */
    private static void writeTable(Path file, Map<String, Object> scenarios) {
        List<String> metricNames = null;
        List<List<Object>> rows = new ArrayList<>();
        for (Map.Entry<String, Object> e : scenarios.entrySet()) {
            Map<?, ?> entry = (Map<?, ?>) e.getValue();
            Map<?, ?> metrics = (Map<?, ?>) entry.get("metrics");
            if (metricNames == null) {
                metricNames = metrics.keySet().stream().map(Object::toString).toList();
            }
            rows.add(row(e.getKey(), "all", metrics, metricNames));
            Map<?, ?> groups = (Map<?, ?>) entry.get("groups");
            if (groups != null) {
                for (Map.Entry<?, ?> g : groups.entrySet()) {
                    rows.add(row(e.getKey(), g.getKey().toString(), (Map<?, ?>) g.getValue(), metricNames));
                }
            }
        }
        List<String> header = new ArrayList<>(List.of("scenario", "group"));
        header.addAll(metricNames);
        try (TsvWriter w = new TsvWriter(file, header)) {
            rows.forEach(w::row);
        }
    }

    private static List<Object> row(String scenario, String group, Map<?, ?> metrics, List<String> names) {
        List<Object> row = new ArrayList<>(List.of(scenario, group));
        for (String n : names) {
            Object v = metrics.get(n);
            row.add(v == null ? "NA" : v);
        }
        return row;
    }
}
