package org.regshift.evaluate;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.regshift.io.Json;

/**
 * What {@code evaluate} found: per scenario its metrics, their ratio to the reference scenario's,
 * and with a grouping its metrics per group and the worst group per metric. metrics.json, metrics.tsv
 * and report.html are rendered from it.
 *
 * @param groupBinEdges the quantile edges of a numeric group column (null for categorical groups)
 */
public record Evaluation(String reference, String split, String groupBy, double[] groupBinEdges, List<ScenarioResult> scenarios) {
    /**
     * One scenario's evaluation; {@code intervalSource} names, per level (50, 80, 90, 95), the
     * columns its coverage and width came from; {@code groups} and {@code worstGroup} are null without a grouping,
     * {@code rows} without --common-ids.
     */
    public record ScenarioResult(String name, Path file, MetricSet metrics, Map<String, String> intervalSource,
                                 MetricSet ratioToReference, Map<String, MetricSet> groups, Map<String, WorstGroup> worstGroup,
                                 Curves curves, Rows rows) {
    }

    /** Under --common-ids: the table's rows, those whose ID every scenario has, and the fraction left out. */
    public record Rows(int table, int common) {
        public double leftOut() {
            return table == 0 ? 0 : 1 - (double) common / table;
        }

        Map<String, Object> toJson() {
            return Json.object("table", table, "common", common, "left_out_fraction", leftOut());
        }
    }

    /** The group where a metric is worst, its value there, and its gap to the whole scenario. */
    public record WorstGroup(String group, Double value, Double gap) {
    }

    /** The curves the report plots: reliability, interval coverage and risk-coverage, each as {x, y}. */
    public record Curves(double[][] reliability, double[][] intervalCoverage, double[][] riskCoverage) {
    }

    /** The reference scenario's result (the first when no scenario has the reference's name). */
    public ScenarioResult referenceResult() {
        return scenarios.stream().filter(s -> s.name().equals(reference)).findFirst().orElse(scenarios.get(0));
    }

    /** metrics.json's document. */
    public Map<String, Object> toJson() {
        Map<String, Object> scenarioDocs = new LinkedHashMap<>();
        for (ScenarioResult s : scenarios) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("file", s.file().toString());
            entry.put("metrics", s.metrics().toJson());
            entry.put("interval_source", s.intervalSource());
            if (s.groups() != null) {
                Map<String, Object> groups = new LinkedHashMap<>();
                s.groups().forEach((g, m) -> groups.put(g, m.toJson()));
                entry.put("groups", groups);
                entry.put("worst_group", s.worstGroup());
            }
            entry.put("ratio_to_reference", s.ratioToReference().toJson());
            if (s.rows() != null) {
                entry.put("common_ids", s.rows().toJson());
            }
            scenarioDocs.put(s.name(), entry);
        }
        return Json.object("reference", reference, "split", split, "group_by", groupBy, "group_bin_edges", groupBinEdges,
                "scenarios", scenarioDocs);
    }
}
