package org.regshift.evaluate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.internal.chartpart.Chart;
import org.regshift.plot.Plots;

/**
 * The shift report as one self-contained HTML page (plots embedded as PNG data, no scripts, no
 * external files), with the same plots written beside it as PNG and SVG.
 */
public final class ShiftReport {
    private static final List<String> KEY_METRICS = List.of("n", "pearson", "spearman", "rmse", "nll", "crps", "coverage_90",
            "width_90", "mace", "ence", "aurc", "e_aurc", "risk_at_50", "risk_at_100");
    private static final List<String> RATIO_METRICS = List.of("pearson", "rmse", "nll", "width_90", "risk_at_50");

    private ShiftReport() {
    }

    public static void write(Path dir, Evaluation evaluation) {
        Map<String, Chart<?, ?>> charts = charts(evaluation.scenarios());
        charts.forEach((name, chart) -> Plots.save(chart, dir, name));
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>RegShift shift report</title>\n")
                .append("<style>body{font-family:sans-serif;margin:2em;max-width:1200px}table{border-collapse:collapse;margin:1em 0}"
                        + "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#eee}td.name{text-align:left}"
                        + ".bad{background:#f8d0d0}.ratio{color:#666;font-size:85%}img{max-width:48%;margin:4px}</style>\n")
                .append("</head><body>\n<h1>RegShift shift report</h1>\n")
                .append("<p>Reference scenario: <b>").append(escape(evaluation.reference())).append("</b>. ")
                .append("Ratios in grey are to the reference. Coverage of the 90% interval outside [0.87, 0.93] is marked.</p>\n");
        List<Evaluation.ScenarioResult> scenarios = evaluation.scenarios();
        html.append("<h2>Metrics per scenario</h2>\n").append(summaryTable(scenarios));
        html.append("<h2>Plots</h2>\n");
        charts.forEach((name, chart) -> html.append("<img alt=\"").append(name).append("\" src=\"")
                .append(Plots.dataUri(chart)).append("\">\n"));
        if (evaluation.groupBy() != null) {
            html.append("<h2>Per group (").append(escape(evaluation.groupBy())).append(")</h2>\n").append(groupTable(scenarios));
        }
        html.append("<h2>All metrics</h2>\n").append(fullTable(scenarios)).append("</body></html>\n");
        try {
            Files.writeString(dir.resolve("report.html"), html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Chart<?, ?>> charts(List<Evaluation.ScenarioResult> results) {
        Map<String, double[][]> reliability = new LinkedHashMap<>();
        Map<String, double[][]> coverage = new LinkedHashMap<>();
        Map<String, double[][]> risk = new LinkedHashMap<>();
        for (Evaluation.ScenarioResult r : results) {
            reliability.put(r.name(), r.curves().reliability());
            coverage.put(r.name(), r.curves().intervalCoverage());
            risk.put(r.name(), r.curves().riskCoverage());
        }
        double[][] diagonal = {{0, 1}, {0, 1}};
        reliability.put("ideal", diagonal);
        coverage.put("ideal", diagonal);
        List<String> names = results.stream().map(Evaluation.ScenarioResult::name).toList();
        Map<String, double[]> quality = new LinkedHashMap<>();
        quality.put("Pearson", metric(results, "pearson"));
        quality.put("coverage of 90% interval", metric(results, "coverage_90"));
        Map<String, double[]> nll = new LinkedHashMap<>();
        nll.put("NLL", metric(results, "nll"));
        nll.put("RMSE", metric(results, "rmse"));
        Map<String, Chart<?, ?>> charts = new LinkedHashMap<>();
        charts.put("reliability", Plots.curves("Reliability (quantile calibration)", "predicted quantile",
                "observed fraction below", reliability));
        charts.put("interval_coverage", Plots.curves("Coverage of central intervals vs nominal", "nominal level",
                "observed coverage", coverage));
        charts.put("risk_coverage", Plots.curves("Risk-coverage (ranked by var_total)", "coverage",
                "selective risk (squared error)", risk));
        charts.put("degradation_accuracy", Plots.bars("Accuracy and coverage per scenario", "value", names, quality));
        charts.put("degradation_error", Plots.bars("Error per scenario", "value", names, nll));
        return charts;
    }

    private static double[] metric(List<Evaluation.ScenarioResult> results, String name) {
        return results.stream().mapToDouble(r -> r.metrics().get(name)).toArray();
    }

    private static String summaryTable(List<Evaluation.ScenarioResult> scenarios) {
        StringBuilder t = new StringBuilder("<table><tr><th>scenario</th>");
        KEY_METRICS.forEach(m -> t.append("<th>").append(m).append("</th>"));
        t.append("</tr>\n");
        for (Evaluation.ScenarioResult s : scenarios) {
            t.append("<tr><td class=\"name\">").append(escape(s.name())).append("</td>");
            for (String m : KEY_METRICS) {
                double v = s.metrics().get(m);
                boolean bad = m.equals("coverage_90") && Math.abs(v - 0.9) > 0.03;
                t.append(bad ? "<td class=\"bad\">" : "<td>").append(format(m, v));
                Double ratio = s.ratioToReference().values().get(m);
                if (RATIO_METRICS.contains(m) && ratio != null) {
                    t.append(" <span class=\"ratio\">(").append(format(m, ratio)).append("x)</span>");
                }
                t.append("</td>");
            }
            t.append("</tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    private static String groupTable(List<Evaluation.ScenarioResult> scenarios) {
        StringBuilder t = new StringBuilder("<table><tr><th>scenario</th><th>group</th><th>n</th><th>rmse</th><th>pearson</th>"
                + "<th>nll</th><th>coverage_90</th></tr>\n");
        for (Evaluation.ScenarioResult s : scenarios) {
            s.groups().forEach((group, m) -> {
                t.append("<tr><td class=\"name\">").append(escape(s.name())).append("</td><td class=\"name\">")
                        .append(escape(group)).append("</td>");
                for (String k : List.of("n", "rmse", "pearson", "nll", "coverage_90")) {
                    t.append("<td>").append(format(k, m.get(k))).append("</td>");
                }
                t.append("</tr>\n");
            });
        }
        return t.append("</table>\n").toString();
    }

    private static String fullTable(List<Evaluation.ScenarioResult> scenarios) {
        StringBuilder t = new StringBuilder("<table><tr><th>metric</th>");
        scenarios.forEach(s -> t.append("<th>").append(escape(s.name())).append("</th>"));
        t.append("</tr>\n");
        for (String metric : scenarios.get(0).metrics().names()) {
            t.append("<tr><td class=\"name\">").append(escape(metric)).append("</td>");
            for (Evaluation.ScenarioResult s : scenarios) {
                t.append("<td>").append(format(metric, s.metrics().get(metric))).append("</td>");
            }
            t.append("</tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    /** A value for a cell: the row count as a whole number, NaN as NA, others to 4 significant digits. */
    static String format(String metric, double v) {
        if (metric.equals("n")) {
            return Long.toString((long) v);
        }
        return Double.isNaN(v) ? "NA" : String.format(java.util.Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : "%.4g", v);
    }

    private static String escape(Object o) {
        return String.valueOf(o).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
