package org.regshift.select;

import java.nio.file.Path;
import java.util.List;
import org.regshift.cli.Progress;
import org.regshift.cli.StepCommand;
import org.regshift.metrics.Selective;
import org.regshift.metrics.Truth;
import org.regshift.provenance.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code regshift select}: selective prediction, accept or abstain per row. */
@Command(name = "select", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = {
            "Selective prediction: rank the rows of a predictions table by an uncertainty score (smallest first), "
                + "accept those under a threshold and abstain on the rest. The threshold is chosen for a target "
                + "coverage (--coverage) or the largest coverage whose selective risk stays under --target-risk, on the "
                + "--fit table's --fit-split rows (e.g. the calibration split), or on the predictions themselves.",
            "",
            "Scores: var_total, var_epistemic, var_aleatoric, width (upper - lower), ood (distance of GC and motif "
                + "features from the training data, the 'ood' column predict writes). The first decides; all get curves.",
            "",
            "Outputs: selected.tsv (the predictions with score and accept = 1/0), selection.json (threshold, achieved "
                + "coverage and risk, and per score AURC, oracle AURC, E-AURC, AUSE and risk at 50%% coverage when y is "
                + "known), risk_coverage.tsv and risk_coverage.png/svg (one line per score, oracle and random)."
        })
public final class SelectCommand extends StepCommand {
    @Option(names = "--predictions", required = true, paramLabel = "FILE", description = "Predictions table.")
    Path predictions;

    @Option(names = "--truth", paramLabel = "FILE",
            description = "True values apart from the predictions: a table with id and --truth-column, in the predictions' order.")
    Path truth;

    @Option(names = "--truth-column", defaultValue = "y", paramLabel = "NAME", description = "The value column of --truth.")
    String truthColumn;

    @Option(names = "--score", defaultValue = "var_total", split = ",", paramLabel = "NAME",
            description = "Uncertainty scores (repeat or comma-separate): ${COMPLETION-CANDIDATES}; the first one selects.")
    List<SelectionScore> scores;

    @Option(names = "--risk", defaultValue = "squared", paramLabel = "KIND", description = "Per-row loss: ${COMPLETION-CANDIDATES}.")
    Selective.Risk risk;

    @Option(names = "--coverage", paramLabel = "C", description = "Target coverage (default 0.5 without --target-risk).")
    Double coverage;

    @Option(names = "--target-risk", paramLabel = "R", description = "Target selective risk (needs --fit with y).")
    Double targetRisk;

    @Option(names = "--fit", paramLabel = "FILE", description = "Predictions to choose the threshold on (e.g. calibration).")
    Path fit;

    @Option(names = "--fit-split", defaultValue = "calibration", paramLabel = "NAME",
            description = "When --fit has a 'split' column, use only its rows of this split.")
    String fitSplit;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Override
    protected void checkOptions() {
        if (coverage != null && targetRisk != null) {
            throw usage("give --coverage or --target-risk, not both");
        }
        if (targetRisk != null && fit == null) {
            throw usage("--target-risk needs --fit (calibration predictions with y)");
        }
        if (targetRisk != null && !(targetRisk >= 0)) {
            throw usage("--target-risk must be at least 0");
        }
        if (coverage != null && !(coverage > 0 && coverage <= 1)) {
            throw usage("--coverage must be in (0, 1], not " + coverage);
        }
    }

    @Override
    protected String run(Provenance provenance, Progress progress) {
        provenance.input("predictions", predictions);
        if (fit != null) {
            provenance.input("fit", fit);
        }
        if (truth != null) {
            provenance.input("truth", truth);
        }
        Double target = coverage == null && targetRisk == null ? Double.valueOf(0.5) : coverage;
        SelectService.Report report = SelectService.run(new SelectService.Request(predictions,
                truth == null ? null : new Truth(truth, truthColumn), scores, risk, target, targetRisk, fit, fitSplit, out),
                provenance);
        return "accepted " + report.applied().accepted() + " of " + report.applied().rows() + " rows; written to " + out;
    }
}
