package org.regshift.variants;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.stream.DoubleStream;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.regshift.io.AtomicOutputDir;
import org.regshift.io.InputException;
import org.regshift.io.Json;
import org.regshift.io.TsvWriter;
import org.regshift.io.UsageException;
import org.regshift.model.ModelBundle;
import org.regshift.model.OneHot;
import org.regshift.model.Predictor;
import org.regshift.motif.Bases;
import org.regshift.motif.MotifReader;
import org.regshift.motif.Pwm;
import org.regshift.provenance.Provenance;
import org.regshift.seq.FastaReader;
import org.regshift.seq.SeqRecord;

/**
 * Bajwa et al. (2024)'s motif test: the consensus of a motif (its most probable base at each
 * position) written over the centre of each background sequence, after the sequence is centre-
 * cropped or N-padded to the model's length; each member's effect is its prediction with the motif
 * minus without. Writes motif_effects.tsv, summary.json (per member: mean effect and the fraction
 * of sequences it raises; whether the members agree on the motif's direction) and effects.png/svg.
 */
public final class MotifInsertionService {
    /** What to insert where. */
    public record Request(Path model, Path motifs, String motifId, Path background, Path out, Boolean reverseComplementAverage,
                          int batchSize, int threads) {
    }

    /** summary.json: the motif inserted, each member's and the ensemble's effect, then the effects' consistency. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Summary(String model, Inserted motif, int sequences, List<MemberEffect> members, boolean membersAgreeOnDirection,
                   Double meanEffect, @JsonUnwrapped EffectSummary.Description effects) {
    }

    /** The consensus inserted and its 1-based start in the window. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Inserted(String id, String name, String consensus, int insertedAt) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record MemberEffect(int member, Double meanEffect, Double positiveFraction) {
    }

    private MotifInsertionService() {
    }

    /** Inserts the motif into every background sequence and writes the effects; returns how many sequences. */
    public static long run(Request request, Provenance provenance, LongConsumer progress) {
        Pwm motif = MotifReader.read(request.motifs()).stream()
                .filter(p -> p.id().equals(request.motifId()) || p.name().equals(request.motifId())).findFirst()
                .orElseThrow(() -> new UsageException("--insert-motif " + request.motifId() + ": no motif with this ID or name in "
                        + request.motifs()));
        ModelBundle bundle = ModelBundle.load(request.model());
        int length = bundle.length();
        if (motif.length() > length) {
            throw InputException.inFile(request.motifs(), "motif " + motif.id() + " is " + motif.length()
                    + " bp, longer than the model's " + length + " bp window");
        }
        String consensus = consensus(motif);
        try (Predictor predictor = new Predictor(bundle, bundle.averagesStrands(request.reverseComplementAverage()), request.threads())) {
            EffectSummary summary = new EffectSummary();
            double[] memberSums = new double[predictor.size()];
            long[] memberPositives = new long[predictor.size()];
            try (FastaReader background = new FastaReader(request.background(), true);
                 AtomicOutputDir out = new AtomicOutputDir(request.out())) {
                List<String> header = new ArrayList<>(List.of("id", "ref_mean", "alt_mean", "effect", "effect_sd", "sign_agreement",
                        "consistent"));
                for (int k = 1; k <= predictor.size(); k++) {
                    header.add("effect_" + k);
                }
                try (TsvWriter tsv = new TsvWriter(out.file("motif_effects.tsv"), header)) {
                    EffectBatch<String> batch = new EffectBatch<>(predictor, request.batchSize());
                    long done = 0;
                    for (SeqRecord r = background.next(); r != null; r = background.next()) {
                        String window = OneHot.fit(r.bases(), length);
                        int at = (length - consensus.length()) / 2;
                        batch.add(r.id(), window, window.substring(0, at) + consensus + window.substring(at + consensus.length()));
                        if (batch.full()) {
                            done += write(batch.score(), tsv, summary, memberSums, memberPositives);
                            progress.accept(done);
                        }
                    }
                    done += write(batch.score(), tsv, summary, memberSums, memberPositives);
                    progress.accept(done);
                }
                EffectSummary.Columns columns = summary.columns();
                int n = columns.effect().length;
                List<MemberEffect> members = new ArrayList<>();
                for (int k = 0; k < memberSums.length; k++) {
                    members.add(new MemberEffect(k + 1, Json.number(memberSums[k] / n), Json.number((double) memberPositives[k] / n)));
                }
                long up = members.stream().filter(m -> m.meanEffect() != null && m.meanEffect() > 0).count();
                Summary report = new Summary(request.model().toString(),
                        new Inserted(motif.id(), motif.name(), consensus, (length - consensus.length()) / 2 + 1), n, members,
                        up == 0 || up == members.size(), Json.number(DoubleStream.of(columns.effect()).average().orElse(Double.NaN)),
                        EffectSummary.describe(columns));
                Json.write(out.file("summary.json"), report);
                EffectPlot.save(columns, false, out.staging(), "effects");
                provenance.write(out.file(AtomicOutputDir.PROVENANCE));
                out.commit();
                return n;
            }
        }
    }

    private static int write(List<EffectBatch.Scored<String>> scored, TsvWriter tsv, EffectSummary summary, double[] sums,
                             long[] positives) {
        for (EffectBatch.Scored<String> s : scored) {
            AlleleEffect e = s.effect();
            List<Object> row = new ArrayList<>(List.of(s.source(), e.refMean(), e.altMean(), e.meanEffect(), e.effectSd(),
                    e.signAgreement(), e.consistent() ? 1 : 0));
            for (int k = 0; k < e.members(); k++) {
                row.add(e.effect(k));
                sums[k] += e.effect(k);
                positives[k] += e.effect(k) > 0 ? 1 : 0;
            }
            tsv.row(row);
            summary.add("all", e, Double.NaN, null);
        }
        return scored.size();
    }

    /** The most probable base at each position of a motif. */
    static String consensus(Pwm motif) {
        StringBuilder s = new StringBuilder(motif.length());
        for (int i = 0; i < motif.length(); i++) {
            int best = 0;
            for (int b = 1; b < 4; b++) {
                if (motif.probability(i, b) > motif.probability(i, best)) {
                    best = b;
                }
            }
            s.append(Bases.ACGT.charAt(best));
        }
        return s.toString();
    }
}
