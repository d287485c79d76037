package org.regshift.explain;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongConsumer;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.regshift.io.AtomicOutputDir;
import org.regshift.io.Json;
import org.regshift.io.Numbers;
import org.regshift.io.TsvWriter;
import org.regshift.metrics.Metrics;
import org.regshift.model.ModelBundle;
import org.regshift.model.OneHot;
import org.regshift.plot.Plots;
import org.regshift.provenance.Provenance;
import org.regshift.seq.SequenceSource;
import org.regshift.seq.SequenceTable;
import org.regshift.simulate.Draws;

/**
 * {@code explain}: per-position attributions of every sequence by each method, their stability
 * under small edits, the methods' agreement, and with the simulator's truth how well each method
 * finds the planted motif sites. Streams the sequences in batches.
 */
public final class ExplainService {
    private static final int BATCH = 32;

    /**
     * What to explain and how: {@code truth} and {@code motifs} may be null; {@code perturbBases}
     * edits per sequence for stability, measured on the first {@code stabilitySequences}.
     */
    public record Request(Path model, Path data, SequenceTable.Columns columns, List<Method> methods, Path truth,
                          Path motifs, int steps, int perturbBases, int stabilitySequences, long seed, int batchSize,
                          int threads, Path out) {
    }

    /** What explain.json holds: per method, planted-site recovery (with a truth) and stability; agreement per pair. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Result(String model, long sequences, int window, int integratedGradientsSteps, Perturbations perturbation,
                         Map<String, MethodResult> methods, Map<String, Double> agreement) {
    }

    /** How many bases the stability test substitutes, in how many sequences. */
    public record Perturbations(int bases, long sequences) {
    }

    /** One method: AUROC, AUPRC and site fraction of planted-site recovery (null without a truth), and stability. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MethodResult(Double auroc, Double auprc, Double siteFraction, Map<String, SiteRecovery> perMotif,
                               Stability stability) {
    }

    /** One motif's site positions against the positions outside every site. */
    public record SiteRecovery(int positions, Double auroc, Double auprc) {
    }

    /**
     * Mean Spearman correlation of attributions before and after random and gradient-chosen
     * substitutions, over the sequences where it is defined; {@code undefined}: the comparisons
     * left out because an attribution track was constant.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Stability(Double randomSubstitutions, Double gradientSubstitutions, int undefined) {
    }

    /** A mean of Spearman correlations that leaves out the undefined ones (a constant track) and counts them. */
    private static final class Correlations {
        double sum;
        int defined;
        int undefined;

        void add(double rho) {
            if (Double.isNaN(rho)) {
                undefined++;
            } else {
                sum += rho;
                defined++;
            }
        }

        Double mean() {
            return Json.number(defined == 0 ? Double.NaN : sum / defined);
        }
    }

    /** What one method has gathered so far. */
    private static final class Tally {
        final DoubleStream.Builder magnitude = DoubleStream.builder();
        final IntStream.Builder motif = IntStream.builder();
        final Correlations randomStability = new Correlations();
        final Correlations gradientStability = new Correlations();
        double[] example;
    }

    private ExplainService() {
    }

    public static Result run(Request request, Provenance provenance, LongConsumer progress) {
        ModelBundle bundle = ModelBundle.load(request.model());
        try (Explainer explainer = new Explainer(bundle, request.steps(), request.batchSize(), request.threads())) {
            SiteTruth truth = request.truth() == null ? null : SiteTruth.read(request.truth(), request.motifs());
            int length = bundle.length();
            Map<Method, Tally> tallies = new LinkedHashMap<>();
            request.methods().forEach(m -> tallies.put(m, new Tally()));
            Map<String, Correlations> agreement = new LinkedHashMap<>();
            Random random = new Random(Draws.derive(request.seed(), "explain"));
            long done = 0;
            int[] exampleSites = null;
            try (SequenceSource data = SequenceSource.open(request.data(), request.columns());
                 AtomicOutputDir out = new AtomicOutputDir(request.out())) {
                Map<Method, TsvWriter[]> writers = new LinkedHashMap<>();
                try {
                    for (Method m : request.methods()) {
                        writers.put(m, new TsvWriter[] {
                            new TsvWriter(out.file("attributions_" + m.label() + ".tsv.gz"),
                                    List.of("id", "position", "base", "score", "hyp_A", "hyp_C", "hyp_G", "hyp_T")),
                            new TsvWriter(out.file(m.label() + ".bedgraph.gz"),
                                    List.of("track type=bedGraph name=\"" + m.label() + "\" description=\"RegShift explain\""))});
                    }
                    List<SequenceTable.Row> batch = new ArrayList<>(BATCH);
                    for (SequenceTable.Row r = data.next(); ; r = data.next()) {
                        if (r != null) {
                            batch.add(r);
                        }
                        if (batch.size() == BATCH || (r == null && !batch.isEmpty())) {
                            List<String> windows = batch.stream().map(row -> OneHot.fit(row.sequence(), length)).toList();
                            int[][] sites = new int[batch.size()][];
                            if (truth != null) {
                                for (int i = 0; i < batch.size(); i++) {
                                    sites[i] = truth.motifAt(batch.get(i).id(), batch.get(i).sequence().length(), length);
                                }
                                if (exampleSites == null) {
                                    exampleSites = sites[0];
                                }
                            }
                            int stable = (int) Math.max(0, Math.min(batch.size(), request.stabilitySequences() - done));
                            List<String> randomEdits = new ArrayList<>();
                            List<String> gradientEdits = new ArrayList<>();
                            if (stable > 0) {
                                List<String> subset = windows.subList(0, stable);
                                List<Attribution> slope = explainer.explain(Method.GRAD_X_INPUT, subset); // cheap: one backward pass
                                for (int i = 0; i < stable; i++) {
                                    randomEdits.add(Perturbation.random(subset.get(i), request.perturbBases(), random));
                                    gradientEdits.add(Perturbation.alongGradient(subset.get(i), slope.get(i).hypothetical(),
                                            request.perturbBases()));
                                }
                            }
                            Map<Method, List<Attribution>> results = new LinkedHashMap<>();
                            for (Method m : request.methods()) {
                                List<Attribution> a = explainer.explain(m, windows);
                                results.put(m, a);
                                Tally t = tallies.get(m);
                                write(batch, windows, a, writers.get(m));
                                for (int i = 0; i < a.size(); i++) {
                                    if (truth != null) {
                                        for (int p = 0; p < length; p++) {
                                            t.magnitude.add(Math.abs(a.get(i).score()[p]));
                                            t.motif.add(sites[i][p]);
                                        }
                                    }
                                }
                                if (t.example == null) {
                                    t.example = a.get(0).score();
                                }
                                if (stable > 0) {
                                    List<Attribution> ar = explainer.explain(m, randomEdits);
                                    List<Attribution> ag = explainer.explain(m, gradientEdits);
                                    for (int i = 0; i < stable; i++) {
                                        t.randomStability.add(Metrics.spearman(a.get(i).score(), ar.get(i).score()));
                                        t.gradientStability.add(Metrics.spearman(a.get(i).score(), ag.get(i).score()));
                                    }
                                }
                            }
                            compare(results, agreement);
                            done += batch.size();
                            progress.accept(done);
                            batch.clear();
                        }
                        if (r == null) {
                            break;
                        }
                    }
                } finally {
                    writers.values().forEach(w -> {
                        w[0].close();
                        w[1].close();
                    });
                }
                Result report = report(request, bundle, done, tallies, agreement, truth);
                Json.write(out.file("explain.json"), report);
                plots(tallies, truth, exampleSites, report, out.staging());
                provenance.write(out.file(AtomicOutputDir.PROVENANCE));
                out.commit();
                return report;
            }
        }
    }

    private static void write(List<SequenceTable.Row> batch, List<String> windows, List<Attribution> a, TsvWriter[] w) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < a.size(); i++) {
            String id = batch.get(i).id();
            double[] score = a.get(i).score();
            double[][] hyp = a.get(i).hypothetical();
            for (int p = 0; p < score.length; p++) {
                line.setLength(0);
                line.append(id).append('\t').append(p + 1).append('\t').append(windows.get(i).charAt(p)).append('\t')
                        .append(Numbers.format(score[p]));
                for (int b = 0; b < 4; b++) {
                    line.append('\t').append(Numbers.format(hyp[b][p]));
                }
                w[0].line(line);
                w[1].line(id + "\t" + p + "\t" + (p + 1) + "\t" + Numbers.format(score[p]));
            }
        }
    }

    /** Adds each pair of methods' per-sequence Spearman correlations. */
    private static void compare(Map<Method, List<Attribution>> results, Map<String, Correlations> agreement) {
        List<Method> methods = new ArrayList<>(results.keySet());
        for (int x = 0; x < methods.size(); x++) {
            for (int y = x + 1; y < methods.size(); y++) {
                Correlations pair = agreement.computeIfAbsent(methods.get(x).label() + " vs " + methods.get(y).label(),
                        k -> new Correlations());
                List<Attribution> a = results.get(methods.get(x));
                List<Attribution> b = results.get(methods.get(y));
                for (int i = 0; i < a.size(); i++) {
                    pair.add(Metrics.spearman(a.get(i).score(), b.get(i).score()));
                }
            }
        }
    }

    private static Result report(Request request, ModelBundle bundle, long sequences, Map<Method, Tally> tallies,
                                 Map<String, Correlations> agreement, SiteTruth truth) {
        Map<String, MethodResult> methods = new LinkedHashMap<>();
        tallies.forEach((m, t) -> {
            Stability stability = new Stability(t.randomStability.mean(), t.gradientStability.mean(),
                    t.randomStability.undefined + t.gradientStability.undefined);
            if (truth == null) {
                methods.put(m.label(), new MethodResult(null, null, null, null, stability));
                return;
            }
            double[] magnitude = t.magnitude.build().toArray();
            int[] motif = t.motif.build().toArray();
            boolean[] inSite = new boolean[motif.length];
            for (int i = 0; i < motif.length; i++) {
                inSite[i] = motif[i] != SiteTruth.NONE;
            }
            methods.put(m.label(), new MethodResult(Json.number(Ranking.auroc(magnitude, inSite)),
                    Json.number(Ranking.averagePrecision(magnitude, inSite)),
                    Json.number((double) IntStream.range(0, motif.length).filter(i -> inSite[i]).count() / motif.length),
                    perMotif(magnitude, motif, truth.motifs()), stability));
        });
        Map<String, Double> pairs = new LinkedHashMap<>();
        agreement.forEach((pair, correlations) -> pairs.put(pair, correlations.mean()));
        return new Result(request.model().toString(), sequences, bundle.length(), request.steps(),
                new Perturbations(request.perturbBases(), Math.min(sequences, request.stabilitySequences())), methods, pairs);
    }

    /** Per motif: its site positions against the positions outside every site. */
    private static Map<String, SiteRecovery> perMotif(double[] magnitude, int[] motif, List<String> motifs) {
        Map<String, SiteRecovery> out = new LinkedHashMap<>();
        for (int k = 0; k < motifs.size(); k++) {
            int wanted = k;
            int[] rows = IntStream.range(0, motif.length).filter(i -> motif[i] == wanted || motif[i] == SiteTruth.NONE).toArray();
            boolean[] positive = new boolean[rows.length];
            double[] score = new double[rows.length];
            int positives = 0;
            for (int i = 0; i < rows.length; i++) {
                positive[i] = motif[rows[i]] == wanted;
                score[i] = magnitude[rows[i]];
                positives += positive[i] ? 1 : 0;
            }
            if (positives > 0) {
                out.put(motifs.get(k), new SiteRecovery(positives, Json.number(Ranking.auroc(score, positive)),
                        Json.number(Ranking.averagePrecision(score, positive))));
            }
        }
        return out;
    }

    private static void plots(Map<Method, Tally> tallies, SiteTruth truth, int[] exampleSites, Result report,
                              Path dir) {
        Map<String, double[]> tracks = new LinkedHashMap<>();
        tallies.forEach((m, t) -> {
            double max = DoubleStream.of(t.example).map(Math::abs).max().orElse(1);
            tracks.put(m.label(), DoubleStream.of(t.example).map(v -> max == 0 ? 0 : v / max).toArray());
        });
        int length = tracks.values().iterator().next().length;
        if (exampleSites != null) {
            tracks.put("planted sites", IntStream.of(exampleSites).mapToDouble(s -> s == SiteTruth.NONE ? 0 : 1).toArray());
        }
        Plots.save(Plots.lines("Attributions of the first sequence (scaled to 1)", "position", "attribution / max |attribution|",
                IntStream.range(1, length + 1).asDoubleStream().toArray(), tracks), dir, "example_track");
        if (truth != null) {
            List<String> names = new ArrayList<>(report.methods().keySet());
            double[] auroc = names.stream().mapToDouble(n -> value(report.methods().get(n).auroc())).toArray();
            double[] auprc = names.stream().mapToDouble(n -> value(report.methods().get(n).auprc())).toArray();
            Map<String, double[]> series = new LinkedHashMap<>();
            series.put("AUROC", auroc);
            series.put("AUPRC", auprc);
            Plots.save(Plots.bars("Recovery of planted motif sites", "score", names, series), dir, "site_recovery");
        }
    }

    private static double value(Double number) {
        return number == null ? Double.NaN : number;
    }
}
