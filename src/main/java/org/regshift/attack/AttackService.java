package org.regshift.attack;
import org.regshift.explain.Method;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.regshift.metrics.Metrics;
import org.regshift.io.AtomicOutputDir;
import org.regshift.io.Json;
import org.regshift.seq.SequenceSource;
import org.regshift.seq.SequenceTable;
import org.regshift.io.TsvWriter;
import org.regshift.model.InputGradients;
import org.regshift.model.ModelBundle;
import org.regshift.model.OneHot;
import org.regshift.model.Predictor;
import org.regshift.motif.Bases;
import org.regshift.provenance.Provenance;
import org.regshift.plot.Plots;
import org.regshift.seq.FastaWriter;
import org.regshift.seq.SeqRecord;

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

    /** How to attack: FGSM, PGD or SUBSTITUTION. */
    public enum Kind { FGSM, PGD, SUBSTITUTION }

    /** What to attack, and how hard: {@code strengths} are epsilons, or for substitution 1..maxEdits. */
    public record Request(Path model, Path data, SequenceTable.Columns columns, Kind kind, List<Double> epsilons, int steps,
                          Double stepSize, int maxEdits, double level, int threads, Path out) {
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

    public static Map<String, Object> run(Request request, Provenance provenance, LongConsumer progress) {
        ModelBundle bundle = ModelBundle.load(request.model());
        InputGradients gradients = new InputGradients(bundle);
        try (Predictor predictor = new Predictor(bundle, false, request.threads())) {
            List<Double> strengths = new ArrayList<>();
            if (request.kind() == Kind.SUBSTITUTION) {
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
                try (TsvWriter shifts = new TsvWriter(out.file("shifts.tsv"), List.of("id", request.kind() == Kind.SUBSTITUTION
                        ? "edits" : "epsilon", "y", "clean_mean", "clean_var_total", "attacked_mean", "attacked_var_total"));
                     FastaWriter fasta = request.kind() == Kind.SUBSTITUTION ? new FastaWriter(out.file("attacked.fa")) : null) {
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
                                if (request.kind() == Kind.SUBSTITUTION) {
                                    edited = substitute(edited, gradients, inputs, direction, touched);
                                    attackedInputs[0] = OneHot.encode(edited, bundle.length());
                                } else {
                                    double epsilon = strengths.get(s);
                                    attackedInputs[0] = Adversary.attack(inputs[0], x -> {
                                        INDArray[] at = inputs.clone();
                                        at[0] = x;
                                        return gradients.ofMean(at);
                                    }, direction, request.kind() == Kind.FGSM ? Adversary.Method.FGSM : Adversary.Method.PGD,
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
                Map<String, Object> report = report(request, strengths, clean, attacked);
                Json.write(out.file("attack.json"), report);
                plot(request.kind(), strengths, clean, attacked, out.staging());
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

    private static Map<String, Object> report(Request request, List<Double> strengths, Tally clean, List<Tally> attacked) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("model", request.model().toString());
        report.put("method", request.kind().name().toLowerCase());
        if (request.kind() == Kind.PGD) {
            report.put("steps", request.steps());
        }
        report.put("level", request.level());
        report.put("rows", clean.rows);
        report.put("clean", describe(clean, clean));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int s = 0; s < strengths.size(); s++) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put(request.kind() == Kind.SUBSTITUTION ? "edits" : "epsilon", request.kind() == Kind.SUBSTITUTION
                    ? (Object) strengths.get(s).intValue() : strengths.get(s));
            d.putAll(describe(attacked.get(s), clean));
            rows.add(d);
        }
        report.put("attacks", rows);
        return report;
    }

    private static Map<String, Object> describe(Tally t, Tally clean) {
        Map<String, Object> d = new LinkedHashMap<>();
        if (t.labelled > 0) {
            double rmse = Math.sqrt(t.squared / t.labelled);
            double nll = t.nll / t.labelled;
            d.put("rmse", Json.number(rmse));
            d.put("nll", Json.number(nll));
            d.put("coverage", Json.number((double) t.covered / t.labelled));
            if (t != clean) {
                d.put("delta_rmse", Json.number(rmse - Math.sqrt(clean.squared / clean.labelled)));
                d.put("delta_nll", Json.number(nll - clean.nll / clean.labelled));
            }
        }
        if (t != clean) {
            d.put("moved_fraction", Json.number((double) t.moved / t.rows));
            d.put("mean_abs_shift", Json.number(t.shift / t.rows));
        }
        return d;
    }

    private static void plot(Kind kind, List<Double> strengths, Tally clean, List<Tally> attacked, Path dir) {
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
        Plots.save(Plots.lines("Predictions under attack", kind == Kind.SUBSTITUTION ? "substitutions" : "epsilon", "value",
                x, series), dir, "attack");
    }
}
