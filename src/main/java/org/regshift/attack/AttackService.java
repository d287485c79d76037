package org.regshift.attack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.regshift.io.AtomicOutputDir;
import org.regshift.io.Json;
import org.regshift.io.TsvWriter;
import org.regshift.metrics.Metrics;
import org.regshift.model.InputGradients;
import org.regshift.model.ModelBundle;
import org.regshift.model.OneHot;
import org.regshift.model.Predictor;
import org.regshift.motif.Bases;
import org.regshift.plot.Plots;
import org.regshift.provenance.Provenance;
import org.regshift.seq.FastaWriter;
import org.regshift.seq.SeqRecord;
import org.regshift.seq.SequenceSource;
import org.regshift.seq.SequenceTable;

/**
 * {@code attack}: how far small changes to the sequences move an ensemble's predictions. Each row
 * is pushed away from its measured value (or upwards, without one): FGSM and PGD on the one-hot
 * input relaxed to the simplex at each position (prior features held at the clean sequence's
 * values), or greedy single-base substitutions, each at the position and base whose centred
 * gradient promises the largest move. Per strength: RMSE, NLL and interval coverage under attack
 * next to the clean ones, the fraction of predictions moved by more than one predicted SD, and the
 * mean shift.
 */
public final class AttackService {
    private static final int BATCH = 256;

    /** What to attack, and how hard: {@code strengths} are epsilons, or for substitution 1..maxEdits. */
    public record Request(Path model, Path data, SequenceTable.Columns columns, AttackMethod method, List<Double> epsilons, int steps,
                          Double stepSize, int maxEdits, double level, int threads, Path out) {
    }

    /** What attack.json holds: the clean predictions' quality and each strength's (steps for PGD only). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Report(String model, AttackMethod method, Integer steps, double level, long rows, Outcome clean,
                         List<Outcome> attacks) {
    }

    /**
     * The predictions at one strength (epsilon, or edits for substitution; neither for the clean
     * ones): RMSE, NLL and coverage where the rows have a target, their change from the clean ones,
     * the fraction moved by more than one predicted SD and the mean absolute shift.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Outcome(Double epsilon, Integer edits, Double rmse, Double nll, Double coverage, Double deltaRmse,
                          Double deltaNll, Double movedFraction, Double meanAbsShift) {
    }

    /** Sums over rows for one strength. */
    private static final class Tally {
        double squared;
        double nll;
        long covered;
        long moved;
        double shift;
        long rows;
        long labelled;
    }

    private AttackService() {
    }

    public static Report run(Request request, Provenance provenance, LongConsumer progress) {
        ModelBundle bundle = ModelBundle.load(request.model());
        InputGradients gradients = new InputGradients(bundle);
        try (Predictor predictor = new Predictor(bundle, false, request.threads())) {
            List<Double> strengths = new ArrayList<>();
            if (request.method() == AttackMethod.SUBSTITUTION) {
                for (int k = 1; k <= request.maxEdits(); k++) {
                    strengths.add((double) k);
                }
            } else {
                strengths.addAll(request.epsilons());
            }
            Tally clean = new Tally();
            List<Tally> attacked = new ArrayList<>();
            strengths.forEach(s -> attacked.add(new Tally()));
            double z = Metrics.zOf(request.level());
            long done = 0;
            try (SequenceSource data = SequenceSource.open(request.data(), request.columns());
                 AtomicOutputDir out = new AtomicOutputDir(request.out())) {
                boolean labelled = data.hasTarget();
                try (TsvWriter shifts = new TsvWriter(out.file("shifts.tsv"), List.of("id", request.method() == AttackMethod.SUBSTITUTION
                        ? "edits" : "epsilon", "y", "clean_mean", "clean_var_total", "attacked_mean", "attacked_var_total"));
                     FastaWriter fasta = request.method() == AttackMethod.SUBSTITUTION ? new FastaWriter(out.file("attacked.fa")) : null) {
                    List<SequenceTable.Row> batch = new ArrayList<>(BATCH);
                    for (SequenceTable.Row r = data.next(); ; r = data.next()) {
                        if (r != null) {
                            batch.add(r);
                        }
                        if (batch.size() == BATCH || (r == null && !batch.isEmpty())) {
                            List<String> windows = batch.stream().map(row -> OneHot.fit(row.sequence(), bundle.length())).toList();
                            INDArray[] inputs = gradients.inputs(windows);
                            double[][] before = mixture(predictor.members(inputs));
                            double[] y = batch.stream().mapToDouble(row -> labelled ? row.target() : Double.NaN).toArray();
                            add(clean, before, before, y, z);
                            double[] direction = new double[batch.size()];
                            for (int i = 0; i < direction.length; i++) {
                                direction[i] = Double.isNaN(y[i]) || before[0][i] >= y[i] ? 1 : -1;
                            }
                            List<String> edited = new ArrayList<>(windows);
                            boolean[][] touched = new boolean[batch.size()][bundle.length()];
                            for (int s = 0; s < strengths.size(); s++) {
                                INDArray[] attackedInputs = inputs.clone();
                                if (request.method() == AttackMethod.SUBSTITUTION) {
                                    edited = substitute(edited, gradients, inputs, direction, touched);
                                    attackedInputs[0] = OneHot.encode(edited, bundle.length());
                                } else {
                                    double epsilon = strengths.get(s);
                                    attackedInputs[0] = Adversary.attack(inputs[0], x -> {
                                        INDArray[] at = inputs.clone();
                                        at[0] = x;
                                        return gradients.ofMean(at);
                                    }, direction, request.method(),
                                            epsilon, request.steps(), request.stepSize() == null ? epsilon / 4 : request.stepSize());
                                }
                                double[][] after = mixture(predictor.members(attackedInputs));
                                add(attacked.get(s), before, after, y, z);
                                for (int i = 0; i < batch.size(); i++) {
                                    shifts.row(List.of(batch.get(i).id(), strengths.get(s), y[i], before[0][i], before[1][i],
                                            after[0][i], after[1][i]));
                                }
                            }
                            if (fasta != null) {
                                for (int i = 0; i < batch.size(); i++) {
                                    fasta.write(new SeqRecord(batch.get(i).id(), edited.get(i)));
                                }
                            }
                            done += batch.size();
                            progress.accept(done);
                            batch.clear();
                        }
                        if (r == null) {
                            break;
                        }
                    }
                }
                Report report = report(request, strengths, clean, attacked);
                Json.write(out.file("attack.json"), report);
                plot(request.method(), strengths, clean, attacked, out.staging());
                provenance.write(out.file(AtomicOutputDir.PROVENANCE));
                out.commit();
                return report;
            }
        }
    }

    /** The ensemble's mixture per row: {means, total variances}. */
    private static double[][] mixture(Predictor.MemberPredictions p) {
        int m = p.means().length;
        int n = p.means()[0].length;
        double[][] out = new double[2][n];
        for (int i = 0; i < n; i++) {
            double mean = 0;
            double aleatoric = 0;
            for (int k = 0; k < m; k++) {
                mean += p.means()[k][i] / m;
                aleatoric += p.variances()[k][i] / m;
            }
            double epistemic = 0;
            for (int k = 0; k < m; k++) {
                epistemic += (p.means()[k][i] - mean) * (p.means()[k][i] - mean) / m;
            }
            out[0][i] = mean;
            out[1][i] = aleatoric + epistemic;
        }
        return out;
    }

    private static void add(Tally t, double[][] before, double[][] after, double[] y, double z) {
        for (int i = 0; i < y.length; i++) {
            double shift = after[0][i] - before[0][i];
            t.rows++;
            t.shift += Math.abs(shift);
            t.moved += Math.abs(shift) > Math.sqrt(before[1][i]) ? 1 : 0;
            if (!Double.isNaN(y[i])) {
                double error = y[i] - after[0][i];
                t.labelled++;
                t.squared += error * error;
                t.nll += 0.5 * (Math.log(2 * Math.PI * after[1][i]) + error * error / after[1][i]);
                t.covered += Math.abs(error) <= z * Math.sqrt(after[1][i]) ? 1 : 0;
            }
        }
    }

    /** One more greedy edit per window, at an untouched position, along the direction's gradient. */
    private static List<String> substitute(List<String> windows, InputGradients gradients, INDArray[] cleanInputs,
                                           double[] direction, boolean[][] touched) {
        INDArray[] at = cleanInputs.clone();
        at[0] = OneHot.encode(windows, windows.get(0).length());
        INDArray g = gradients.ofMean(at);
        List<String> out = new ArrayList<>(windows.size());
        for (int i = 0; i < windows.size(); i++) {
            float[][] gi = g.slice(i).toFloatMatrix();
            char[] bases = windows.get(i).toCharArray();
            int bestPosition = -1;
            int bestBase = -1;
            double bestGain = Double.NEGATIVE_INFINITY;
            for (int p = 0; p < bases.length; p++) {
                int observed = Bases.index(bases[p]);
                if (observed < 0 || touched[i][p]) {
                    continue;
                }
                for (int b = 0; b < 4; b++) {
                    double gain = direction[i] * (gi[b][p] - gi[observed][p]);
                    if (b != observed && gain > bestGain) {
                        bestGain = gain;
                        bestPosition = p;
                        bestBase = b;
                    }
                }
            }
            if (bestPosition >= 0) {
                bases[bestPosition] = Bases.ACGT.charAt(bestBase);
                touched[i][bestPosition] = true;
            }
            out.add(new String(bases));
        }
        return out;
    }

    private static Report report(Request request, List<Double> strengths, Tally clean, List<Tally> attacked) {
        boolean edits = request.method() == AttackMethod.SUBSTITUTION;
        List<Outcome> rows = new ArrayList<>();
        for (int s = 0; s < strengths.size(); s++) {
            rows.add(outcome(edits ? null : strengths.get(s), edits ? strengths.get(s).intValue() : null, attacked.get(s), clean));
        }
        return new Report(request.model().toString(), request.method(), request.method() == AttackMethod.PGD ? request.steps() : null,
                request.level(), clean.rows, outcome(null, null, clean, clean), rows);
    }

    private static Outcome outcome(Double epsilon, Integer edits, Tally t, Tally clean) {
        boolean attacked = t != clean;
        Double rmse = null;
        Double nll = null;
        Double coverage = null;
        Double deltaRmse = null;
        Double deltaNll = null;
        if (t.labelled > 0) {
            rmse = Json.number(Math.sqrt(t.squared / t.labelled));
            nll = Json.number(t.nll / t.labelled);
            coverage = Json.number((double) t.covered / t.labelled);
            if (attacked) {
                deltaRmse = Json.number(Math.sqrt(t.squared / t.labelled) - Math.sqrt(clean.squared / clean.labelled));
                deltaNll = Json.number(t.nll / t.labelled - clean.nll / clean.labelled);
            }
        }
        return new Outcome(epsilon, edits, rmse, nll, coverage, deltaRmse, deltaNll,
                attacked ? Json.number((double) t.moved / t.rows) : null, attacked ? Json.number(t.shift / t.rows) : null);
    }

    private static void plot(AttackMethod method, List<Double> strengths, Tally clean, List<Tally> attacked, Path dir) {
        double[] x = new double[strengths.size() + 1];
        double[] moved = new double[x.length];
        double[] rmse = new double[x.length];
        for (int s = 0; s <= strengths.size(); s++) {
            Tally t = s == 0 ? clean : attacked.get(s - 1);
            x[s] = s == 0 ? 0 : strengths.get(s - 1);
            moved[s] = (double) t.moved / t.rows;
            rmse[s] = t.labelled == 0 ? Double.NaN : Math.sqrt(t.squared / t.labelled);
        }
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("fraction moved > 1 SD", moved);
        if (clean.labelled > 0) {
            series.put("RMSE", rmse);
        }
        Plots.save(Plots.lines("Predictions under attack", method == AttackMethod.SUBSTITUTION ? "substitutions" : "epsilon", "value",
                x, series), dir, "attack");
    }
}
