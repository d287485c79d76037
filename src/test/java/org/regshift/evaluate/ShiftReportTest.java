package org.regshift.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.regshift.testing.HeadlessChromium;

/**
 * report.html rendered from fixed evaluations: sentences that follow the numbers, heatmaps of
 * family x severity, small multiples of at most 7 lines, collapsed full tables, escaping, and the
 * page as Chromium shows it.
 */
class ShiftReportTest {
    private static final List<String> FAMILIES = List.of("batch_shift", "cell_type", "depth_shift", "gc_shift",
            "heteroscedastic_noise", "motif_rewiring", "pwm_perturbation");

    @TempDir
    Path tmp;

    private static MetricSet metrics(int n, double pearson, double rmse, double coverage) {
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("rmse", rmse);
        v.put("pearson", pearson);
        v.put("spearman", pearson - 0.02);
        v.put("nll", Double.NaN);
        v.put("coverage_90", coverage);
        v.put("width_90", 2.0);
        v.put("risk_at_50", rmse * rmse * (0.5 + 0.8 - pearson));
        v.put("risk_at_100", rmse * rmse);
        return new MetricSet(n, v);
    }

    private static Evaluation.ScenarioResult scenario(String name, MetricSet m, MetricSet reference, Map<String, MetricSet> groups) {
        double[][] curve = {{0, 0.5, 1}, {0, 0.4, 1}};
        return new Evaluation.ScenarioResult(name, Path.of(name + ".tsv"), m, Map.of(), m.ratioTo(reference), groups, null,
                new Evaluation.Curves(curve, curve, curve), null);
    }

    /** The reference and every family at three severities, each worse than the last by {@code step}. */
    private static Evaluation suite(double step) {
        MetricSet reference = metrics(1800, 0.8, 0.6, 0.92);
        List<Evaluation.ScenarioResult> scenarios = new ArrayList<>(List.of(scenario("reference", reference, reference, null)));
        for (String family : FAMILIES) {
            for (int level = 0; level < 3; level++) {
                double harm = step * (level + 1) * (family.equals("gc_shift") ? 3 : 1);
                scenarios.add(scenario(family + "_" + ScenarioLabel.SEVERITIES.get(level),
                        metrics(1800, 0.8 - harm, 0.6 * (1 + harm), 0.92 - harm), reference, null));
            }
        }
        return new Evaluation("reference", "test", null, null, scenarios);
    }

    private static Map<String, MetricSet> uncalibrated(Evaluation e, double shift) {
        Map<String, MetricSet> raw = new LinkedHashMap<>();
        e.scenarios().forEach(s -> raw.put(s.name(), metrics(1800, 0.8, 0.6, s.metrics().get("coverage_90") + shift)));
        return raw;
    }

    @Test
    void theSummarySentencesFollowTheNumbers() {
        Evaluation mild = suite(0.01);
        assertThat(ReportSummary.sentences(mild, Map.of())).containsExactly(
                "Accuracy: 2 of 21 shifts lose more than 0.05 Pearson against reference (0.800); the worst is gc_shift_severe "
                        + "(0.710). RMSE stays below 1.25x the reference's everywhere (at most 1.09x, gc_shift_severe).",
                "The 90% intervals break (coverage below 0.85) in 1 of 22 scenarios: gc_shift_severe 0.830.",
                "Selective prediction: abstaining on the half with the largest var_total lowers the squared error by 50% on "
                        + "reference and by a median 48% under shift (least: gc_shift_severe, 41%).");

        Evaluation harsh = suite(0.1);
        List<String> broken = ReportSummary.sentences(harsh, uncalibrated(harsh, 0.04));
        assertThat(broken.get(0)).isEqualTo("Accuracy: 21 of 21 shifts lose more than 0.05 Pearson against reference (0.800); "
                + "the worst is gc_shift_severe (-0.100). RMSE grows to 1.25x or more in 9, up to 1.90x under gc_shift_severe.");
        assertThat(broken.get(1)).startsWith("The uncalibrated 90% intervals break (coverage below 0.85) in 15 of 22 scenarios: "
                + "batch_shift_moderate 0.760, batch_shift_severe 0.660, cell_type_moderate 0.760, cell_type_severe 0.660 and "
                + "11 more.");
        assertThat(broken.get(2)).isEqualTo("Calibration moves the coverage of reference from 0.960 to 0.920; of the 15 "
                + "scenarios broken before it, none recovers; after it 21 cover less than 0.85: batch_shift_mild 0.860 -> 0.820, "
                + "batch_shift_moderate 0.760 -> 0.720, batch_shift_severe 0.660 -> 0.620, cell_type_mild 0.860 -> 0.820 and "
                + "17 more.");

        List<String> recovered = ReportSummary.sentences(mild, uncalibrated(mild, -0.1));
        assertThat(recovered.get(2)).isEqualTo("Calibration moves the coverage of reference from 0.820 to 0.920; of the 22 "
                + "scenarios broken before it, 21 recover; after it 1 covers less than 0.85: gc_shift_severe 0.730 -> 0.830.");
    }

    @Test
    void heatmapsSmallMultiplesAndCollapsedTablesInOneSelfContainedPage() throws Exception {
        Evaluation e = suite(0.1);
        ShiftReport.write(tmp, e, new ReportContext("cnn, an ensemble of 3", uncalibrated(e, 0.04)));
        String html = Files.readString(tmp.resolve("report.html"));
        assertThat(html).contains("<b>Model:</b> cnn, an ensemble of 3.", "21 shifted scenarios in 7 families");
        assertThat(html).contains("<h3>Change in Pearson</h3>", "<h3>RMSE / reference</h3>", "<h3>90% coverage, uncalibrated</h3>",
                "<h3>90% coverage, calibrated</h3>", "<th>mild</th><th>moderate</th><th>severe</th>");
        assertThat(html).contains("<td class=\"name\">gc_shift</td><td style=\"background:rgb(255,150,150)\">-0.300</td>");
        assertThat(html).contains("<details><summary>All metrics</summary>").doesNotContain("<details open", "<script", "http");
        for (String family : FAMILIES) {
            assertThat(tmp.resolve("coverage_" + family + ".png")).isNotEmptyFile();
            assertThat(tmp.resolve("risk_" + family + ".svg")).isNotEmptyFile();
            assertThat(html).contains("alt=\"coverage_" + family + "\" src=\"data:image/png;base64,");
        }
        for (ShiftReport.Panel kind : List.of(ShiftReport.COVERAGE, ShiftReport.RISK)) {
            assertThat(ShiftReport.panels(e, kind)).hasSize(FAMILIES.size()).allSatisfy((name, chart) ->
                    assertThat(((XYChart) chart).getSeriesMap()).as(name).hasSizeBetween(2, 7));
        }
    }

    @Test
    void namesAreEscapedAndAGroupingAddsACollapsedTableAndASentence() throws Exception {
        MetricSet m = metrics(10, 0.7, 0.5, 0.91);
        Map<String, MetricSet> groups = new LinkedHashMap<>();
        groups.put("bin<1>", metrics(4, 0.6, 0.5, 0.75));
        groups.put("bin2", metrics(6, 0.9, 0.5, 1.0));
        Evaluation.ScenarioResult only = new Evaluation.ScenarioResult("a&b", Path.of("a.tsv"), m, Map.of(), m.ratioTo(m), groups,
                Map.of("pearson", new Evaluation.WorstGroup("bin<1>", 0.6, -0.1),
                        "coverage_90", new Evaluation.WorstGroup("bin<1>", 0.75, -0.16)),
                new Evaluation.Curves(new double[][] {{0, 1}, {0, 1}}, new double[][] {{0, 1}, {0, 1}},
                        new double[][] {{0, 1}, {0, 1}}), null);
        ShiftReport.write(tmp, new Evaluation("a&b", "test", "gc", new double[] {0.4}, List.of(only)),
                new ReportContext(null, Map.of()));
        String html = Files.readString(tmp.resolve("report.html"));
        assertThat(html).contains("<i>a&amp;b</i> (10 elements of the test split)").doesNotContain("a&b", "bin<1>")
                .doesNotContain("Where the model breaks");
        assertThat(html).contains("<details><summary>Per group (gc): 2 rows</summary>");
        assertThat(html).contains("<td class=\"name\">a&amp;b</td><td class=\"name\">bin&lt;1&gt;</td><td>4</td>");
        assertThat(html).contains("By gc on a&amp;b: the worst group for Pearson is bin&lt;1&gt; (0.600 against 0.700 overall)");
    }

    @Test
    void chromiumShowsTheReportWithoutErrorsOrHorizontalScrollAt1400Pixels() throws Exception {
        Evaluation e = suite(0.1);
        ShiftReport.write(tmp, e, new ReportContext("cnn", uncalibrated(e, 0.04)));
        HeadlessChromium.Rendered page = HeadlessChromium.render(tmp.resolve("report.html"), 1400, 1600, tmp.resolve("shot.png"));
        assertThat(page.errors()).isEmpty();
        assertThat(page.scrollWidth()).isLessThanOrEqualTo(page.windowWidth()).isEqualTo(1400);
        assertThat(page.images()).isEqualTo(14);
        assertThat(page.brokenImages()).isZero();
        assertThat(tmp.resolve("shot.png")).isNotEmptyFile();

        Files.writeString(tmp.resolve("broken.html"), "<html><body><img src=\"missing.png\"><script>console.error('x')</script>"
                + "<div style=\"width:3000px\">wide</div></body></html>");
        HeadlessChromium.Rendered bad = HeadlessChromium.render(tmp.resolve("broken.html"), 1400, 800, tmp.resolve("bad.png"));
        assertThat(bad.errors()).isNotEmpty();
        assertThat(bad.brokenImages()).isOne();
        assertThat(bad.scrollWidth()).isGreaterThan(bad.windowWidth());
    }
}
