package org.regshift.select;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.regshift.io.AtomicOutputDir;
import org.regshift.io.InputException;
import org.regshift.io.Json;
import org.regshift.io.Numbers;
import org.regshift.io.TsvReader;
import org.regshift.io.TsvWriter;
import org.regshift.metrics.PredictionTable;
import org.regshift.metrics.Selective;
import org.regshift.metrics.Truth;
import org.regshift.plot.Plots;
import org.regshift.provenance.Provenance;

/**
 * Selective prediction on a predictions table: ranks rows by uncertainty scores, writes the
 * risk-coverage curves and their summaries (AURC, oracle AURC, E-AURC, AUSE, risk at 50%
 * coverage) for every score, and marks each row accepted or not by a threshold on the first
 * score, chosen for a target coverage or (on calibration data) a target risk.
 */
public final class SelectService {
    private static final int CURVE_POINTS = 100;

    /**
     * {@code coverage} or {@code targetRisk} (exactly one non-null) picks the threshold, on the
     * {@code fitSplit} rows of {@code fit} when given, else on the predictions themselves.
     */
    public record Request(Path predictions, Truth truth, List<SelectionScore> scores, Selective.Risk risk, Double coverage,
                          Double targetRisk, Path fit, String fitSplit, Path out) {
    }

    /**
     * What selection.json holds: the score that selects, the rule and the threshold it gave, the
     * coverage and risk achieved on the fit rows and on the predictions, and per score (when the
     * predictions have y) the risk-coverage summaries.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Report(SelectionScore score, Selective.Risk risk, Rule rule, String chosenOn, Double threshold, Achieved fit,
                         Achieved applied, Map<SelectionScore, ScoreSummary> scores) {
    }

    /** A target coverage or a target risk. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rule(Double targetCoverage, Double targetRisk) {
    }

    /** Rows, accepted rows, their fraction, and the selective risk of the accepted rows with y (null without). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Achieved(int rows, int accepted, double coverage, Double selectiveRisk) {
    }

    /** AURC, the oracle's AURC, E-AURC, AUSE, the risk at 50% coverage and at full coverage. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ScoreSummary(double aurc, double oracleAurc, double eAurc, double ause,
                               @JsonProperty("risk_at_50") double riskAt50, double fullRisk) {
    }

    private SelectService() {
    }

    public static Report run(Request request, Provenance provenance) {
        List<String> columns = numericColumns(request.scores());
        PredictionTable table = PredictionTable.read(request.predictions(), false, null, columns,
                request.scores().contains(SelectionScore.WIDTH), request.truth(), null);
        SelectionScore primary = request.scores().get(0);
        PredictionTable fit = request.fit() == null ? table : fitRows(request, columns);
        double threshold = threshold(fit, primary, request);
        double[] primaryScore = score(table, primary);

        try (AtomicOutputDir out = new AtomicOutputDir(request.out())) {
            writeSelected(request.predictions(), out.file("selected.tsv"), primaryScore, threshold);
            Report report = new Report(primary, request.risk(), new Rule(request.coverage(), request.targetRisk()),
                    request.fit() == null ? "the predictions themselves" : request.fit().toString(), Json.number(threshold),
                    achieved(fit, score(fit, primary), threshold, request.risk()),
                    achieved(table, primaryScore, threshold, request.risk()),
                    table.hasY() ? curves(table.withY(), request.scores(), request.risk(), out) : null);
            Json.write(out.file("selection.json"), report);
            provenance.put("threshold", Json.number(threshold));
            provenance.write(out.file(AtomicOutputDir.PROVENANCE));
            out.commit();
            return report;
        }
    }

    private static List<String> numericColumns(List<SelectionScore> scores) {
        List<String> columns = new ArrayList<>();
        if (scores.contains(SelectionScore.OOD)) {
            columns.add("ood");
        }
        return columns;
    }

    /** The fit table's rows of the fit split (all rows when it has no split column). */
    private static PredictionTable fitRows(Request request, List<String> columns) {
        boolean hasSplit;
        try (TsvReader reader = new TsvReader(request.fit())) {
            hasSplit = reader.column("split") >= 0;
        }
        PredictionTable fit = PredictionTable.read(request.fit(), request.targetRisk() != null, null, columns,
                request.scores().contains(SelectionScore.WIDTH), null, hasSplit ? request.fitSplit() : null);
        if (request.targetRisk() != null) {
            fit = fit.withY();
        }
        if (fit.size() == 0) {
            throw InputException.inFile(request.fit(), "has no rows to choose the threshold on (rows of split '"
                    + request.fitSplit() + "' with y)");
        }
        return fit;
    }

    static double[] score(PredictionTable t, SelectionScore name) {
        return switch (name) {
            case VAR_TOTAL -> t.varTotal();
            case VAR_EPISTEMIC -> t.varEpistemic();
            case VAR_ALEATORIC -> t.varAleatoric();
            case OOD -> t.extra().get("ood");
            case WIDTH -> {
                double[] lower = t.bounds().get("lower");
                double[] upper = t.bounds().get("upper");
                if (lower == null || upper == null) {
                    throw InputException.atLine(t.file(), 1, "no 'lower' and 'upper' columns for the width score");
                }
                double[] w = new double[lower.length];
                for (int i = 0; i < w.length; i++) {
                    w[i] = upper[i] - lower[i];
                    if (Double.isNaN(w[i])) {
                        throw InputException.inFile(t.file(), "a row has no interval (NA in lower or upper) for the width score");
                    }
                }
                yield w;
            }
        };
    }

    /** Accept rows whose score is at most the threshold: the largest that keeps the coverage or the risk. */
    private static double threshold(PredictionTable fit, SelectionScore primary, Request request) {
        double[] s = score(fit, primary);
        int[] order = Selective.order(s);
        if (request.coverage() != null) {
            int k = Math.max(1, (int) Math.ceil(request.coverage() * s.length - 1e-9));
            return s[order[k - 1]];
        }
        double[] risks = Selective.selectiveRisks(Selective.losses(fit.y(), fit.mean(), request.risk()), order);
        for (int k = risks.length; k >= 1; k--) {
            if (risks[k - 1] <= request.targetRisk()) {
                return s[order[k - 1]];
            }
        }
        return Double.NEGATIVE_INFINITY;
    }

    /** The coverage the threshold gives on a table, and the risk of its accepted rows when y is known. */
    private static Achieved achieved(PredictionTable t, double[] score, double threshold, Selective.Risk risk) {
        int accepted = 0;
        double loss = 0;
        int withY = 0;
        for (int i = 0; i < score.length; i++) {
            if (score[i] <= threshold) {
                accepted++;
                if (t.hasY() && !Double.isNaN(t.y()[i])) {
                    loss += risk.loss(t.y()[i], t.mean()[i]);
                    withY++;
                }
            }
        }
        return new Achieved(score.length, accepted, accepted / (double) score.length, withY == 0 ? null : Json.number(loss / withY));
    }

    /** Risk-coverage curves (TSV, plot) and their summaries per score, with oracle and random references. */
    private static Map<SelectionScore, ScoreSummary> curves(PredictionTable t, List<SelectionScore> scores, Selective.Risk risk,
                                                            AtomicOutputDir out) {
        double[] loss = Selective.losses(t.y(), t.mean(), risk);
        double[] coverage = new double[CURVE_POINTS];
        for (int p = 0; p < CURVE_POINTS; p++) {
            coverage[p] = (p + 1) / (double) CURVE_POINTS;
        }
        Map<String, double[]> curves = new LinkedHashMap<>();
        Map<SelectionScore, ScoreSummary> summaries = new LinkedHashMap<>();
        double[] oracleRisks = Selective.selectiveRisks(loss, Selective.order(loss));
        double oracle = Selective.aurc(oracleRisks);
        double fullRisk = oracleRisks[oracleRisks.length - 1];
        for (SelectionScore name : scores) {
            int[] order = Selective.order(score(t, name));
            double[] risks = Selective.selectiveRisks(loss, order);
            curves.put(name.toString(), sample(risks, coverage));
            double aurc = Selective.aurc(risks);
            summaries.put(name, new ScoreSummary(aurc, oracle, aurc - oracle, Selective.ause(risks, oracleRisks, risk),
                    Selective.riskAtCoverage(loss, order, 0.5), fullRisk));
        }
        curves.put("oracle", sample(oracleRisks, coverage));
        double[] random = new double[CURVE_POINTS];
        java.util.Arrays.fill(random, fullRisk);
        curves.put("random", random);
        try (TsvWriter w = new TsvWriter(out.file("risk_coverage.tsv"), header(curves))) {
            for (int p = 0; p < CURVE_POINTS; p++) {
                List<Object> row = new ArrayList<>(List.of(coverage[p]));
                for (double[] c : curves.values()) {
                    row.add(c[p]);
                }
                w.row(row);
            }
        }
        Plots.save(Plots.lines("Risk-coverage", "coverage", "selective risk (" + risk.name().toLowerCase() + " error)",
                coverage, curves), out.staging(), "risk_coverage");
        return summaries;
    }

    private static List<String> header(Map<String, double[]> curves) {
        List<String> h = new ArrayList<>(List.of("coverage"));
        h.addAll(curves.keySet());
        return h;
    }

    /** The selective risk at each coverage of the grid (the first ceil(c n) rows). */
    static double[] sample(double[] risks, double[] coverage) {
        double[] out = new double[coverage.length];
        for (int p = 0; p < coverage.length; p++) {
            out[p] = risks[Math.max(1, (int) Math.ceil(coverage[p] * risks.length - 1e-9)) - 1];
        }
        return out;
    }

    /** Copies the predictions with the score and an accept column (1 accepted, 0 abstained). */
    private static void writeSelected(Path predictions, Path target, double[] score, double threshold) {
        try (TsvReader reader = new TsvReader(predictions)) {
            List<String> header = new ArrayList<>(reader.header());
            header.addAll(List.of("score", "accept"));
            try (TsvWriter w = new TsvWriter(target, header)) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; reader.next(); i++) {
                    line.setLength(0);
                    line.append(reader.line()).append('\t').append(Numbers.format(score[i])).append('\t')
                            .append(score[i] <= threshold ? '1' : '0');
                    w.line(line);
                }
            }
        }
    }
}
