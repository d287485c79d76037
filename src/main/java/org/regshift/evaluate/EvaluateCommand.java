package org.regshift.evaluate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.regshift.cli.Progress;
import org.regshift.cli.StepCommand;
import org.regshift.metrics.Truth;
import org.regshift.provenance.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code regshift evaluate}: the shift report over scenarios. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = {
            "Evaluate predictions tables (one per scenario: in distribution and each shift) that carry the true "
                + "values y: RMSE, MAE, Pearson, Spearman, R², NLL, CRPS, coverage and width of the 50/80/90/95%% "
                + "intervals, the 90%% interval score, MACE, RMSCE, miscalibration area, ENCE, sharpness, and selective "
                + "prediction ranked by var_total (AURC, E-AURC, AUSE, risk at 50%% and 100%% coverage); each as a ratio "
                + "to the reference scenario; per group (--group-by: any column; a numeric one with many values, such "
                + "as gc, in 5 quantile bins) with the worst group's gap.",
            "",
            "Outputs: metrics.json, metrics.tsv (one row per scenario and group), report.html (self-contained: "
                + "a summary computed from the metrics, heatmaps of shift family x severity, per family the coverage "
                + "of central intervals vs nominal and the risk-coverage curve, compact and full tables), and the "
                + "per-family plots as PNG and SVG (coverage_<family>, risk_<family>)."
        })
public final class EvaluateCommand extends StepCommand {
    @Option(names = "--predictions", required = true, arity = "1..*", paramLabel = "NAME=FILE",
            description = "A scenario's name and its predictions table (with y).")
    List<String> predictions;

    @Option(names = "--truth", arity = "1..*", paramLabel = "NAME=FILE",
            description = "A scenario's true values apart from its predictions: a table with id and --truth-column, "
                + "listing the predictions' IDs in their order.")
    List<String> truths = new ArrayList<>();

    @Option(names = "--truth-column", defaultValue = "y", paramLabel = "NAME", description = "The value column of --truth tables.")
    String truthColumn;

    @Option(names = "--reference", paramLabel = "NAME", description = "The reference scenario (default: the first).")
    String reference;

    @Option(names = "--split", paramLabel = "NAME", description = "Evaluate only the rows of this split (e.g. test).")
    String split;

    @Option(names = "--group-by", paramLabel = "COLUMN", description = "Also evaluate per value (or bin) of this column.")
    String groupBy;

    @Option(names = "--interval-level", defaultValue = "0.9", paramLabel = "P",
            description = "The level of the tables' lower/upper columns (predict --level, calibrate's first --level).")
    double intervalLevel;

    @Option(names = "--common-ids", description = "Score every scenario on the IDs present in all of them (the same "
            + "elements everywhere, when some step dropped elements from some tables); metrics.json reports each "
            + "scenario's rows and the fraction left out.")
    boolean commonIds;

    @Option(names = "--model", paramLabel = "BUNDLE", description = "The model bundle that made the predictions, named "
            + "in the report's summary.")
    Path model;

    @Option(names = "--uncalibrated-metrics", paramLabel = "FILE", description = "metrics.json of evaluate on the same "
            + "scenarios before calibration: the report sets the coverage before calibration beside the coverage after.")
    Path uncalibratedMetrics;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Override
    protected void checkOptions() {
        if (!(intervalLevel > 0 && intervalLevel < 1)) {
            throw usage("--interval-level must be between 0 and 1, not " + intervalLevel);
        }
    }

    @Override
    protected String run(Provenance provenance, Progress progress) {
        Map<String, Path> files = named("--predictions", predictions);
        Map<String, Path> truthFiles = named("--truth", truths);
        for (String name : truthFiles.keySet()) {
            if (!files.containsKey(name)) {
                throw usage("--truth names scenario '" + name + "', which --predictions lacks");
            }
        }
        List<EvaluateService.Scenario> scenarios = new ArrayList<>();
        files.forEach((name, file) -> scenarios.add(new EvaluateService.Scenario(name, file,
                truthFiles.containsKey(name) ? new Truth(truthFiles.get(name), truthColumn) : null)));
        Set<String> names = files.keySet();
        if (reference != null && !names.contains(reference)) {
            throw usage("--reference '" + reference + "' is not one of the scenarios (" + String.join(", ", names) + ")");
        }
        for (EvaluateService.Scenario s : scenarios) {
            provenance.input(s.name(), s.file());
            if (s.truth() != null) {
                provenance.input(s.name() + "_truth", s.truth().file());
            }
        }
        if (uncalibratedMetrics != null) {
            provenance.input("uncalibrated_metrics", uncalibratedMetrics);
        }
        EvaluateService.run(new EvaluateService.Request(scenarios, reference, groupBy, split, intervalLevel, commonIds, model,
                uncalibratedMetrics, out), provenance);
        return scenarios.size() + " scenarios; report written to " + out.resolve("report.html");
    }

    /** NAME=FILE values in order, each name once. */
    private Map<String, Path> named(String option, List<String> values) {
        Map<String, Path> out = new LinkedHashMap<>();
        for (String p : values) {
            int eq = p.indexOf('=');
            if (eq <= 0 || eq == p.length() - 1) {
                throw usage(option + " takes NAME=FILE, not '" + p + "'");
            }
            String name = p.substring(0, eq);
            if (out.put(name, Path.of(p.substring(eq + 1))) != null) {
                throw usage("scenario name '" + name + "' is given twice in " + option);
            }
        }
        return out;
    }
}
