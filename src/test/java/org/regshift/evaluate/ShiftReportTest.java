package org.regshift.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.html rendered from a fixed evaluation: its values, their marking, escaping, and what a grouping adds. */
class ShiftReportTest {
    @TempDir
    Path tmp;

    private static MetricSet metrics(int n, double pearson, double coverage) {
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("rmse", 0.5);
        v.put("pearson", pearson);
        v.put("coverage_90", coverage);
        v.put("nll", Double.NaN);
        return new MetricSet(n, v);
    }

    private static Evaluation.ScenarioResult scenario(String name, MetricSet m, MetricSet reference, Map<String, MetricSet> groups) {
        double[][] curve = {{0, 0.5, 1}, {0, 0.4, 1}};
        return new Evaluation.ScenarioResult(name, Path.of(name + ".tsv"), m, Map.of(), m.ratioTo(reference), groups, null,
                new Evaluation.Curves(curve, curve, curve), null);
    }

    @Test
    void showsEachScenarioWithRatiosMarksCoverageOutsideTheBandAndEscapesNames() throws Exception {
        MetricSet reference = metrics(200, 0.8, 0.9);
        Evaluation e = new Evaluation("ref", null, null, null, List.of(scenario("ref", reference, reference, null),
                scenario("gc<shift>&", metrics(150, 0.4, 0.8), reference, null)));
        ShiftReport.write(tmp, e);
        String html = Files.readString(tmp.resolve("report.html"));
        assertThat(html).contains("<b>ref</b>").contains("gc&lt;shift&gt;&amp;").doesNotContain("gc<shift>");
        assertThat(html).contains("<td>0.4000 <span class=\"ratio\">(0.5000x)</span></td>");
        assertThat(html).contains("<td class=\"bad\">0.8000</td>").contains("<td>0.9000</td>");
        assertThat(html).contains("<td>150</td>").contains("<td>NA</td>");
        assertThat(html).doesNotContain("Per group").doesNotContain("http");
        for (String plot : List.of("reliability", "interval_coverage", "risk_coverage", "degradation_accuracy")) {
            assertThat(tmp.resolve(plot + ".png")).exists();
            assertThat(html).contains("alt=\"" + plot + "\" src=\"data:image/png;base64,");
        }
    }

    @Test
    void aGroupingAddsOneRowPerScenarioAndGroup() throws Exception {
        MetricSet m = metrics(10, 0.7, 0.91);
        Map<String, MetricSet> groups = new LinkedHashMap<>();
        groups.put("bin1", metrics(4, 0.6, 0.75));
        groups.put("bin2", metrics(6, 0.9, 1.0));
        ShiftReport.write(tmp, new Evaluation("a", null, "gc", new double[] {0.4}, List.of(scenario("a", m, m, groups))));
        String html = Files.readString(tmp.resolve("report.html"));
        assertThat(html).contains("<h2>Per group (gc)</h2>");
        assertThat(html).contains("<td class=\"name\">a</td><td class=\"name\">bin1</td><td>4</td>");
        assertThat(html).contains("<td class=\"name\">bin2</td><td>6</td>");
    }
}
