package org.regshift.evaluate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.knowm.xchart.internal.chartpart.Chart;
import org.regshift.plot.Plots;

/**
 * The shift report as one self-contained HTML page (plots embedded as PNG data, no scripts, no
 * external files), written for a reader: sentences computed from the metrics, heatmaps of
 * scenario family x severity, one small plot per family, a compact table, and the full tables
 * collapsed. The plots are also written beside it as PNG and SVG.
 */
public final class ShiftReport {
    /** A kind of small multiple: the file prefix, the curve, its axes, and whether the diagonal is the ideal. */
    record Panel(String prefix, Function<Evaluation.ScenarioResult, double[][]> curve, String xLabel, String yLabel,
                 boolean diagonal) {
    }

    static final Panel COVERAGE = new Panel("coverage", s -> s.curves().intervalCoverage(), "nominal level",
            "observed coverage", true);
    static final Panel RISK = new Panel("risk", s -> s.curves().riskCoverage(), "coverage", "selective risk", false);
    private static final int PANEL_WIDTH = 420;
    private static final int PANEL_HEIGHT = 300;
    private static final String STYLE = "body{font-family:system-ui,sans-serif;margin:1.5em auto;max-width:1320px;"
            + "padding:0 1em;color:#222}h2{margin-top:1.6em}.box{overflow-x:auto;max-width:100%}"
            + "table{border-collapse:collapse;margin:.4em 0;font-size:13px}td,th{border:1px solid #ccc;padding:2px 7px;"
            + "text-align:right;white-space:nowrap}th{background:#eee}td.name{text-align:left}"
            + ".summary{background:#f6f8fa;border:1px solid #ddd;border-radius:6px;padding:.3em 1.2em}"
            + ".summary li{margin:.35em 0}.heat{display:flex;flex-wrap:wrap;gap:0 2em}.heat h3{font-size:14px;margin:.6em 0 0}"
            + ".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:6px}"
            + ".grid img{width:100%;height:auto}details{margin:1em 0}summary{cursor:pointer;font-weight:bold}"
            + ".note{color:#555;font-size:90%}";

    private ShiftReport() {
    }

    public static void write(Path dir, Evaluation evaluation, ReportContext context) {
        Map<String, List<Evaluation.ScenarioResult>> families = families(evaluation);
        Evaluation.ScenarioResult reference = evaluation.referenceResult();
        String coverage = grid(dir, panels(evaluation, COVERAGE));
        String risk = grid(dir, panels(evaluation, RISK));

        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width\"><title>RegShift shift report</title>\n<style>")
                .append(STYLE).append("</style>\n</head><body>\n<h1>RegShift shift report</h1>\n");
        html.append("<div class=\"summary\">\n<p>").append(about(evaluation, families.size(), reference, context)).append("</p>\n<ul>\n");
        ReportSummary.sentences(evaluation, context.uncalibrated())
                .forEach(s -> html.append("<li>").append(escape(s)).append("</li>\n"));
        html.append("</ul>\n</div>\n");
        if (evaluation.scenarios().size() > 1) {
            html.append("<h2>Where the model breaks</h2>\n<p class=\"note\">Each shift family (rows) at each severity "
                    + "(columns), against the reference <b>").append(escape(evaluation.reference()))
                    .append("</b>. The darker the red, the further from the reference (Pearson, RMSE) or from the nominal 0.90 "
                            + "(coverage).</p>\n<div class=\"heat\">\n");
            heatmaps(families, reference, context).forEach(html::append);
            html.append("</div>\n");
        }
        html.append("<h2>Calibration per family</h2>\n<p class=\"note\">Coverage of central intervals against their "
                + "nominal level; on the diagonal the intervals mean what they say.</p>\n").append(coverage);
        html.append("<h2>Selective prediction per family</h2>\n<p class=\"note\">Squared error of the predictions kept "
                + "when abstaining on the largest var_total first; a curve that falls to the left means the uncertainty "
                + "ranks the errors.</p>\n").append(risk);
        html.append("<h2>Metrics per scenario</h2>\n<div class=\"box\">").append(scenarioTable(evaluation, reference, context))
                .append("</div>\n");
        if (evaluation.groupBy() != null) {
            int rows = evaluation.scenarios().stream().mapToInt(s -> s.groups().size()).sum();
            html.append("<details><summary>Per group (").append(escape(evaluation.groupBy())).append("): ").append(rows)
                    .append(" rows</summary>\n<div class=\"box\">").append(groupTable(evaluation.scenarios()))
                    .append("</div></details>\n");
        }
        html.append("<details><summary>All metrics</summary>\n<div class=\"box\">").append(fullTable(evaluation.scenarios()))
                .append("</div></details>\n</body></html>\n");
        try {
            Files.writeString(dir.resolve("report.html"), html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shifted scenarios by family, in order of appearance; the reference alone when nothing else was evaluated. */
    private static Map<String, List<Evaluation.ScenarioResult>> families(Evaluation evaluation) {
        Map<String, List<Evaluation.ScenarioResult>> families = new LinkedHashMap<>();
        for (Evaluation.ScenarioResult s : evaluation.scenarios()) {
            if (!s.name().equals(evaluation.reference())) {
                families.computeIfAbsent(ScenarioLabel.of(s.name()).family(), k -> new ArrayList<>()).add(s);
            }
        }
        return families;
    }

    private static String about(Evaluation evaluation, int families, Evaluation.ScenarioResult reference,
                                ReportContext context) {
        StringBuilder s = new StringBuilder();
        if (context.model() != null) {
            s.append("<b>Model:</b> ").append(escape(context.model())).append(". ");
        }
        int shifts = evaluation.scenarios().size() - 1;
        s.append("<b>Data:</b> ").append(shifts > 0 ? "the reference scenario <i>" : "<i>").append(escape(reference.name()))
                .append("</i> (").append(String.format(Locale.ROOT, "%,d", (int) reference.metrics().get("n")))
                .append(evaluation.split() == null ? " elements)" : " elements of the " + escape(evaluation.split()) + " split)");
        if (shifts > 0) {
            s.append(" and ").append(shifts).append(shifts == 1 ? " shifted scenario" : " shifted scenarios").append(" in ")
                    .append(families).append(families == 1 ? " family" : " families");
        }
        s.append(context.uncalibrated().isEmpty() ? "." : "; metrics after calibration, coverage before and after.");
        return s.toString();
    }

    /**
     * One small plot of this kind per shift family, by file name: the reference and the family's
     * severities (the reference alone when nothing else was evaluated).
     */
    static Map<String, Chart<?, ?>> panels(Evaluation evaluation, Panel panel) {
        Map<String, List<Evaluation.ScenarioResult>> families = families(evaluation);
        Evaluation.ScenarioResult reference = evaluation.referenceResult();
        Map<String, List<Evaluation.ScenarioResult>> panels = families.isEmpty()
                ? Map.of(reference.name(), List.of()) : families;
        Map<String, Chart<?, ?>> charts = new LinkedHashMap<>();
        panels.forEach((family, members) -> {
            Map<String, double[][]> series = new LinkedHashMap<>();
            series.put(reference.name(), panel.curve().apply(reference));
            for (Evaluation.ScenarioResult s : members) {
                String severity = ScenarioLabel.of(s.name()).severity();
                series.put(severity.isEmpty() ? s.name() : severity, panel.curve().apply(s));
            }
            if (panel.diagonal()) {
                series.put("ideal", new double[][] {{0, 1}, {0, 1}});
            }
            charts.put(panel.prefix() + "_" + fileName(family), Plots.curves(family, panel.xLabel(), panel.yLabel(), series,
                    PANEL_WIDTH, PANEL_HEIGHT));
        });
        return charts;
    }

    private static String fileName(String family) {
        return family.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /** Saves each chart as PNG and SVG in {@code dir} and embeds the PNGs in a grid. */
    private static String grid(Path dir, Map<String, Chart<?, ?>> charts) {
        StringBuilder g = new StringBuilder("<div class=\"grid\">\n");
        charts.forEach((name, chart) -> g.append("<img alt=\"").append(escape(name)).append("\" src=\"")
                .append(Plots.dataUri(Plots.save(chart, dir, name))).append("\">\n"));
        return g.append("</div>\n").toString();
    }

    /** One heatmap per quantity: the change in Pearson, the RMSE ratio, 90% coverage (raw when given, and calibrated). */
    private static List<String> heatmaps(Map<String, List<Evaluation.ScenarioResult>> families,
                                         Evaluation.ScenarioResult reference, ReportContext context) {
        double refPearson = reference.metrics().get("pearson");
        List<String> out = new ArrayList<>();
        out.add(heatmap("Change in Pearson", families, s -> s.metrics().get("pearson") - refPearson,
                v -> Math.min(1, Math.max(0, -v) / 0.4), "%+.3f"));
        out.add(heatmap("RMSE / reference", families, s -> s.ratioToReference().get("rmse"),
                v -> Math.min(1, Math.max(0, v - 1) / 1.5), "%.2fx"));
        if (!context.uncalibrated().isEmpty()) {
            out.add(heatmap("90% coverage, uncalibrated", families, s -> {
                MetricSet raw = context.uncalibrated().get(s.name());
                return raw == null ? Double.NaN : raw.get("coverage_90");
            }, ShiftReport::coverageBadness, "%.3f"));
        }
        out.add(heatmap(context.uncalibrated().isEmpty() ? "90% coverage" : "90% coverage, calibrated", families,
                s -> s.metrics().get("coverage_90"), ShiftReport::coverageBadness, "%.3f"));
        return out;
    }

    private static double coverageBadness(double coverage) {
        return Math.min(1, Math.abs(coverage - 0.9) / 0.3);
    }

    private static String heatmap(String title, Map<String, List<Evaluation.ScenarioResult>> families,
                                  Function<Evaluation.ScenarioResult, Double> value, Function<Double, Double> badness,
                                  String format) {
        Set<String> severities = new LinkedHashSet<>();
        for (String severity : ScenarioLabel.SEVERITIES) {
            if (families.values().stream().flatMap(List::stream).anyMatch(s -> ScenarioLabel.of(s.name()).severity().equals(severity))) {
                severities.add(severity);
            }
        }
        boolean unlabelled = families.values().stream().flatMap(List::stream).anyMatch(s -> ScenarioLabel.of(s.name()).severity().isEmpty());
        if (unlabelled) {
            severities.add("");
        }
        StringBuilder t = new StringBuilder("<div><h3>").append(escape(title)).append("</h3><div class=\"box\"><table><tr><th></th>");
        severities.forEach(s -> t.append("<th>").append(s.isEmpty() ? "shifted" : s).append("</th>"));
        t.append("</tr>\n");
        families.forEach((family, members) -> {
            t.append("<tr><td class=\"name\">").append(escape(family)).append("</td>");
            for (String severity : severities) {
                Evaluation.ScenarioResult s = members.stream()
                        .filter(m -> ScenarioLabel.of(m.name()).severity().equals(severity)).findFirst().orElse(null);
                double v = s == null ? Double.NaN : value.apply(s);
                if (Double.isNaN(v)) {
                    t.append("<td></td>");
                } else {
                    t.append("<td style=\"background:").append(red(badness.apply(v))).append("\">")
                            .append(String.format(Locale.ROOT, format, v)).append("</td>");
                }
            }
            t.append("</tr>\n");
        });
        return t.append("</table></div></div>\n").toString();
    }

    /** White (0) to a strong red (1), light enough for black text throughout. */
    private static String red(double badness) {
        int fade = (int) Math.round(255 - 140 * badness);
        return String.format(Locale.ROOT, "rgb(255,%d,%d)", fade, fade);
    }

    private static String scenarioTable(Evaluation evaluation, Evaluation.ScenarioResult reference, ReportContext context) {
        boolean raw = !context.uncalibrated().isEmpty();
        StringBuilder t = new StringBuilder("<table><tr><th>scenario</th><th>n</th><th>Pearson</th><th>change</th>"
                + "<th>RMSE / ref.</th><th>NLL</th>");
        if (raw) {
            t.append("<th>90% coverage, uncalibrated</th>");
        }
        t.append("<th>90% coverage").append(raw ? ", calibrated" : "").append("</th><th>90% width</th>")
                .append("<th>risk at 50% / 100% coverage</th></tr>\n");
        double refPearson = reference.metrics().get("pearson");
        for (Evaluation.ScenarioResult s : evaluation.scenarios()) {
            MetricSet m = s.metrics();
            t.append("<tr><td class=\"name\">").append(escape(s.name())).append("</td>")
                    .append(cell("n", m.get("n"))).append(cell("pearson", m.get("pearson")))
                    .append(cell("change", m.get("pearson") - refPearson))
                    .append(cell("ratio", s.ratioToReference().get("rmse"))).append(cell("nll", m.get("nll")));
            if (raw) {
                MetricSet before = context.uncalibrated().get(s.name());
                t.append(coverageCell(before == null ? Double.NaN : before.get("coverage_90")));
            }
            t.append(coverageCell(m.get("coverage_90"))).append(cell("width", m.get("width_90")))
                    .append("<td>").append(format("risk", m.get("risk_at_50"))).append(" / ")
                    .append(format("risk", m.get("risk_at_100"))).append("</td></tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    private static String coverageCell(double coverage) {
        return Double.isNaN(coverage) || coverage >= ReportSummary.COVERAGE_FLOOR ? cell("coverage", coverage)
                : "<td style=\"background:" + red(coverageBadness(coverage)) + "\">" + format("coverage", coverage) + "</td>";
    }

    private static String cell(String metric, double v) {
        return "<td>" + format(metric, v) + "</td>";
    }

    private static String groupTable(List<Evaluation.ScenarioResult> scenarios) {
        StringBuilder t = new StringBuilder("<table><tr><th>scenario</th><th>group</th><th>n</th><th>rmse</th><th>pearson</th>"
                + "<th>nll</th><th>coverage_90</th></tr>\n");
        for (Evaluation.ScenarioResult s : scenarios) {
            s.groups().forEach((group, m) -> {
                t.append("<tr><td class=\"name\">").append(escape(s.name())).append("</td><td class=\"name\">")
                        .append(escape(group)).append("</td>");
                for (String k : List.of("n", "rmse", "pearson", "nll", "coverage_90")) {
                    t.append(cell(k, m.get(k)));
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
                t.append(cell(metric, s.metrics().get(metric)));
            }
            t.append("</tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    /** A value for a cell: the row count as a whole number, NaN as NA, others to 4 significant digits. */
    static String format(String metric, double v) {
        if (Double.isNaN(v)) {
            return "NA";
        }
        if (metric.equals("n")) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : "%.4g", v);
    }

    private static String escape(Object o) {
        return String.valueOf(o).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
