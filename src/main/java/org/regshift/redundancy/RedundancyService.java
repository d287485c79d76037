package org.regshift.redundancy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.regshift.io.AtomicOutputDir;
import org.regshift.io.InputException;
import org.regshift.io.Json;
import org.regshift.io.TsvWriter;
import org.regshift.model.InputGradients;
import org.regshift.model.ModelBundle;
import org.regshift.model.OneHot;
import org.regshift.model.Predictor;
import org.regshift.motif.MotifReader;
import org.regshift.motif.Pwm;
import org.regshift.motif.SiteScanner;
import org.regshift.motif.SiteScanner.Site;
import org.regshift.plot.Plots;
import org.regshift.provenance.Provenance;
import org.regshift.seq.SequenceSource;
import org.regshift.seq.SequenceTable;
import org.regshift.simulate.Draws;

/**
 * {@code redundancy}: which motif sites a model treats as redundant or synergistic. Per sequence,
 * the motif sites are removed one at a time and in pairs (dinucleotide-preserving shuffles,
 * averaged over draws); pair effects are aggregated per motif pair and ranked; a global mask over
 * motif types finds the set of K types whose removal most lowers the predictions
 * ({@link GlobalMask}); with the simulator's truth, precision at k of the ranking.
 */
public final class RedundancyService {
    private static final int BATCH = 32;
    private static final int[] PRECISION_AT = {1, 3, 5, 10, 20};
    private static final int PLOTTED_PAIRS = 15;
    private static final double LEARNING_RATE = 0.05;
    private static final double TEMPERATURE = 0.5;

    /**
     * What to audit: sites scoring at least {@code relativeScore} of their motif's range, at most
     * {@code maxSites} per sequence, {@code draws} shuffles per site; {@code maxOrder} 1 (singles) or
     * 2 (pairs); the global mask for budgets 1..{@code budget} learned on the first
     * {@code maskSequences} sequences with sites ({@code maskSteps} steps), exhaustive search when at
     * most {@code exhaustiveLimit} sets; site pairs further apart than {@code maxDistance} (centre to
     * centre; 0: no limit) are written but not aggregated; {@code truth} may be null.
     */
    public record Request(Path model, Path data, SequenceTable.Columns columns, Path motifs, double relativeScore,
                          int maxSites, int draws, int maxOrder, int budget, int maskSequences, int maskSteps,
                          int exhaustiveLimit, int minSitePairs, double maxDistance, Path truth, long seed, int batchSize,
                          int threads, Path out) {
    }

    /**
     * What redundancy.json holds: counts, the top motif pairs, recovery of planted pairs (with a
     * truth) and the global mask (with a budget).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Report(String model, long sequences, int window, int motifs, double siteThreshold, long sites,
                         long sitePairs, int draws, double maxDistance, List<TopPair> topPairs, Integer plantedPairs,
                         Long rankedPairs, Map<String, Double> precisionAtK, MaskReport globalMask) {
    }

    /** One of the strongest interacting motif pairs; {@code planted} how the truth planted it (null without one). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TopPair(int rank, List<String> motifs, long sitePairs, Double interaction, Double redundancy, String planted) {
    }

    /** The global mask over motif types, learned on {@code sequences} sequences in {@code steps} steps per budget. */
    public record MaskReport(int sequences, int steps, List<MaskBudget> budgets) {
    }

    /**
     * One budget k: the learned and refined k-sets, their effects and the mask's probabilities, and
     * the exhaustive search over all k-sets (or why it was skipped).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MaskBudget(int budget, List<String> learned, Double effect, Map<String, Double> mask, List<String> refined,
                             Double refinedEffect, Exhaustive exhaustive, String exhaustiveSkipped) {
    }

    /** All k-sets searched: how many, the best, and where the learned and refined sets rank among them. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Exhaustive(int sets, List<String> best, Double bestEffect, int learnedRank, boolean learnedEqualsBest,
                             int refinedRank) {
    }

    private RedundancyService() {
    }

    public static Report run(Request request, Provenance provenance, LongConsumer progress) {
        ModelBundle bundle = ModelBundle.load(request.model());
        List<Pwm> motifs = MotifReader.read(request.motifs());
        for (Pwm m : motifs) {
            if (m.length() > bundle.length()) {
                throw InputException.atRecord(request.motifs(), m.id(), "the motif is " + m.length()
                        + " bp, longer than the " + bundle.length() + " bp sequences the model reads: its sites cannot be removed");
            }
        }
        List<String> ids = motifs.stream().map(Pwm::id).toList();
        PlantedPairs planted = request.truth() == null ? null : PlantedPairs.read(request.truth(), ids);
        SiteScanner scanner = new SiteScanner(motifs, request.relativeScore());
        try (Predictor predictor = new Predictor(bundle, false, request.threads())) {
            MotifPairs tally = new MotifPairs(request.minSitePairs());
            List<SiteAblation> maskSet = new ArrayList<>();
            long seed = Draws.derive(request.seed(), "redundancy");
            long done = 0;
            long siteCount = 0;
            long pairCount = 0;
            try (SequenceSource data = SequenceSource.open(request.data(), request.columns());
                 AtomicOutputDir out = new AtomicOutputDir(request.out())) {
                try (TsvWriter sites = new TsvWriter(out.file("sites.tsv.gz"), List.of("id", "site", "motif", "start", "end",
                        "strand", "score", "prediction", "effect"));
                     TsvWriter pairs = request.maxOrder() < 2 ? null : new TsvWriter(out.file("pairs.tsv.gz"), List.of("id",
                             "site_a", "site_b", "motif_a", "motif_b", "distance", "effect_a", "effect_b", "joint", "interaction",
                             "redundancy"))) {
                    List<SequenceTable.Row> batch = new ArrayList<>(BATCH);
                    for (SequenceTable.Row r = data.next(); ; r = data.next()) {
                        if (r != null) {
                            batch.add(r);
                        }
                        if (batch.size() == BATCH || (r == null && !batch.isEmpty())) {
                            List<SiteAblation> ablations = new ArrayList<>();
                            for (SequenceTable.Row row : batch) {
                                Random random = new Random(Draws.derive(seed, done + ablations.size()));
                                ablations.add(SiteAblation.of(OneHot.fit(row.sequence(), bundle.length()), scanner,
                                        request.maxSites(), request.draws(), random));
                            }
                            List<double[]> effects = Effects.of(ablations, request.maxOrder(), predictor, request.batchSize());
                            for (int i = 0; i < batch.size(); i++) {
                                SiteAblation a = ablations.get(i);
                                siteCount += a.sites().size();
                                pairCount += write(batch.get(i).id(), a, effects.get(i), ids, tally, request.maxDistance(),
                                        sites, pairs);
                                if (maskSet.size() < request.maskSequences() && !a.sites().isEmpty()) {
                                    maskSet.add(a);
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
                if (done == 0) {
                    throw InputException.inFile(request.data(), "holds no sequences");
                }
                List<MotifPairs.Ranked> ranked = tally.ranked();
                writeMotifTables(out, ids, tally, ranked, planted);
                Report report = new Report(request.model().toString(), done, bundle.length(), ids.size(),
                        request.relativeScore(), siteCount, pairCount, request.draws(), request.maxDistance(),
                        topPairs(ranked, ids, planted), planted == null ? null : planted.size(),
                        planted == null ? null : ranked.stream().filter(x -> x.rank() > 0).count(),
                        planted == null ? null : MotifPairs.precisionAtK(ranked, planted, PRECISION_AT),
                        request.budget() > 0 && !maskSet.isEmpty() ? globalMask(request, bundle, predictor, maskSet, ids) : null);
                Json.write(out.file("redundancy.json"), report);
                plot(ranked, ids, out.staging());
                provenance.write(out.file(AtomicOutputDir.PROVENANCE));
                out.commit();
                return report;
            }
        }
    }

    /** Writes one sequence's site and pair rows and adds them to the tally; returns the number of site pairs. */
    private static int write(String id, SiteAblation a, double[] effect, List<String> ids, MotifPairs tally,
                             double maxDistance, TsvWriter sites, TsvWriter pairs) {
        List<Site> s = a.sites();
        int n = s.size();
        for (int i = 0; i < n; i++) {
            Site site = s.get(i);
            sites.row(List.of(id, i + 1, ids.get(site.motif()), site.start() + 1, site.end(), site.minus() ? "-" : "+",
                    site.score(), effect[0], effect[1 + i]));
            tally.single(site.motif(), effect[1 + i]);
        }
        if (pairs == null) {
            return 0;
        }
        int j = 1 + n;
        for (int x = 0; x < n; x++) {
            for (int y = x + 1; y < n; y++) {
                double ex = effect[1 + x];
                double ey = effect[1 + y];
                double joint = effect[j++];
                double interaction = joint - ex - ey;
                double distance = s.get(y).centre() - s.get(x).centre();
                pairs.row(List.of(id, x + 1, y + 1, ids.get(s.get(x).motif()), ids.get(s.get(y).motif()), distance, ex, ey,
                        joint, interaction, Math.signum(joint) * interaction));
                if (maxDistance == 0 || distance <= maxDistance) {
                    tally.pair(s.get(x).motif(), s.get(y).motif(), ex, ey, joint);
                }
            }
        }
        return n * (n - 1) / 2;
    }

    private static void writeMotifTables(AtomicOutputDir out, List<String> ids, MotifPairs tally,
                                         List<MotifPairs.Ranked> ranked, PlantedPairs planted) {
        try (TsvWriter w = new TsvWriter(out.file("motifs.tsv"), List.of("motif", "sites", "mean_effect"))) {
            tally.singles().forEach((k, s) -> w.row(List.of(ids.get(k), (long) s[1], s[0] / s[1])));
        }
        List<String> header = new ArrayList<>(List.of("motif_a", "motif_b", "site_pairs", "effect_a", "effect_b", "joint",
                "interaction", "interaction_z", "redundancy", "kind", "rank"));
        if (planted != null) {
            header.add("planted");
        }
        try (TsvWriter w = new TsvWriter(out.file("motif_pairs.tsv"), header)) {
            for (MotifPairs.Ranked r : ranked) {
                MotifPairs.Tally t = r.tally();
                List<Object> row = new ArrayList<>(List.of(ids.get(r.a()), ids.get(r.b()), t.n, t.mean(t.singleA),
                        t.mean(t.singleB), t.mean(t.joint), t.mean(t.interaction), t.z(), t.mean(t.redundancy),
                        t.redundancy >= 0 ? "redundant" : "synergistic", r.rank() > 0 ? String.valueOf(r.rank()) : "NA"));
                if (planted != null) {
                    row.add(r.a() == r.b() ? "same motif" : planted.of(r.a(), r.b()));
                }
                w.row(row);
            }
        }
    }

    private static List<TopPair> topPairs(List<MotifPairs.Ranked> ranked, List<String> ids, PlantedPairs planted) {
        return ranked.stream().filter(r -> r.rank() > 0).limit(PLOTTED_PAIRS).map(r -> {
            MotifPairs.Tally t = r.tally();
            return new TopPair(r.rank(), List.of(ids.get(r.a()), ids.get(r.b())), t.n, Json.number(t.mean(t.interaction)),
                    Json.number(t.mean(t.redundancy)), planted == null ? null : planted.of(r.a(), r.b()));
        }).toList();
    }

    private static MaskReport globalMask(Request request, ModelBundle bundle, Predictor predictor,
                                         List<SiteAblation> maskSet, List<String> ids) {
        GlobalMask mask = new GlobalMask(predictor, new InputGradients(bundle), maskSet, ids.size(), request.batchSize());
        Random random = new Random(Draws.derive(request.seed(), "global-mask"));
        boolean[] present = mask.present();
        List<MaskBudget> budgets = new ArrayList<>();
        for (int k = 1; k <= request.budget(); k++) {
            double[] p = mask.learn(k, request.maskSteps(), LEARNING_RATE, TEMPERATURE, random);
            int[] learned = GlobalMask.top(p, present, k);
            double effect = mask.effect(learned);
            Map<String, Double> probabilities = new LinkedHashMap<>();
            IntStream.range(0, p.length).filter(i -> present[i]).forEach(i -> probabilities.put(ids.get(i), Json.number(p[i])));
            Map.Entry<int[], Double> refined = mask.refine(p, k);
            var all = mask.exhaustive(k, request.exhaustiveLimit());
            Exhaustive exhaustive = null;
            if (all != null) {
                int rank = rank(all, learned);
                exhaustive = new Exhaustive(all.size(), names(all.get(0).getKey(), ids), Json.number(all.get(0).getValue()), rank,
                        rank == 1, rank(all, refined.getKey()));
            }
            budgets.add(new MaskBudget(k, names(learned, ids), Json.number(effect), probabilities, names(refined.getKey(), ids),
                    Json.number(refined.getValue()), exhaustive,
                    all == null ? "more than " + request.exhaustiveLimit() + " sets" : null));
        }
        return new MaskReport(maskSet.size(), request.maskSteps(), budgets);
    }

    /** The 1-based place of a set of types among all sets, strongest first (effects predicted in one batch run). */
    private static int rank(List<Map.Entry<int[], Double>> all, int[] types) {
        return 1 + IntStream.range(0, all.size()).filter(i -> Arrays.equals(all.get(i).getKey(), types)).findFirst().orElseThrow();
    }

    private static List<String> names(int[] types, List<String> ids) {
        return IntStream.of(types).mapToObj(ids::get).toList();
    }

    private static void plot(List<MotifPairs.Ranked> ranked, List<String> ids, Path dir) {
        List<MotifPairs.Ranked> top = ranked.stream().filter(r -> r.rank() > 0).limit(PLOTTED_PAIRS).toList();
        if (top.isEmpty()) {
            return;
        }
        List<String> names = top.stream().map(r -> ids.get(r.a()) + " + " + ids.get(r.b())).toList();
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("interaction", top.stream().mapToDouble(r -> r.tally().mean(r.tally().interaction)).toArray());
        series.put("redundancy", top.stream().mapToDouble(r -> r.tally().mean(r.tally().redundancy)).toArray());
        Plots.save(Plots.bars("Strongest motif-pair interactions", "mean over site pairs", names, series), dir, "motif_pairs");
    }
}
