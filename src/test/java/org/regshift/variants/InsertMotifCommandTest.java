package org.regshift.variants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regshift.metrics.Metrics;
import org.regshift.seq.FastaReader;
import org.regshift.seq.SeqRecord;
import org.regshift.testing.Cli;
import org.regshift.testing.SimulatedModel;

/**
 * {@code regshift score-variants --insert-motif}: on a simulated library whose motif effects are
 * known, what an ensemble trained on it predicts for each inserted motif must rank the motifs as
 * the simulator's effects do.
 */
class InsertMotifCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path JASPAR = Cli.TEST_DATA.resolve("jaspar/JASPAR2024_CORE_vertebrates_non-redundant_pfms_jaspar.txt");
    private static final int BACKGROUND = 600;

    @TempDir
    static Path shared;

    static Path background;
    static Map<String, Double> trueEffects = new LinkedHashMap<>();

    @TempDir
    Path tmp;

    @BeforeAll
    static void writeBackground() throws IOException {
        Path library = SimulatedModel.library();
        JSON.readTree(library.resolve("scenario.json").toFile()).at("/truth/cell_programs/0/motif_effects").fields()
                .forEachRemaining(e -> trueEffects.put(e.getKey(), e.getValue().asDouble()));
        background = shared.resolve("background.fa");
        StringBuilder fasta = new StringBuilder();
        try (FastaReader in = new FastaReader(library.resolve("sequences.fa.gz"), false)) {
            for (int i = 0; i < BACKGROUND; i++) {
                SeqRecord r = in.next();
                fasta.append('>').append(r.id()).append('\n').append(r.bases()).append('\n');
            }
        }
        Files.writeString(background, fasta);
    }

    private JsonNode insert(String motif, Path out) throws IOException {
        Cli.succeed("score-variants", out, "--model", SimulatedModel.model(), "--insert-motif", motif, "--motifs", JASPAR, "--background",
                background);
        return JSON.readTree(out.resolve("summary.json").toFile());
    }

    @Test
    void insertedMotifsRankAsTheSimulatorsEffects() throws IOException {
        List<String> motifs = List.copyOf(trueEffects.keySet());
        double[] truth = new double[motifs.size()];
        double[] predicted = new double[motifs.size()];
        for (int i = 0; i < motifs.size(); i++) {
            JsonNode summary = insert(motifs.get(i), tmp.resolve(motifs.get(i)));
            assertThat(summary.at("/motif/id").asText()).isEqualTo(motifs.get(i));
            assertThat(summary.at("/sequences").asInt()).isEqualTo(BACKGROUND);
            truth[i] = trueEffects.get(motifs.get(i));
            predicted[i] = summary.at("/mean_effect").asDouble();
        }
        assertThat(Metrics.spearman(truth, predicted)).as("true %s vs inserted %s", Arrays.toString(truth),
                Arrays.toString(predicted)).isGreaterThan(0.35);
    }

    @Test
    void theSummaryAgreesWithThePerSequenceEffects() throws IOException {
        JsonNode summary = insert("MA0079.5", tmp.resolve("up"));
        List<Map<String, String>> rows = Cli.table(tmp.resolve("up/motif_effects.tsv"));
        assertThat(rows).hasSize(BACKGROUND);
        for (int k = 1; k <= 3; k++) {
            String column = "effect_" + k;
            double mean = rows.stream().mapToDouble(r -> Cli.number(r, column)).average().orElseThrow();
            double positive = rows.stream().filter(r -> Cli.number(r, column) > 0).count() / (double) BACKGROUND;
            assertThat(summary.at("/members/" + (k - 1) + "/mean_effect").asDouble()).isCloseTo(mean, within(1e-5));
            assertThat(summary.at("/members/" + (k - 1) + "/positive_fraction").asDouble()).isCloseTo(positive, within(1e-9));
        }
        double consistent = rows.stream().filter(r -> r.get("consistent").equals("1")).count() / (double) BACKGROUND;
        assertThat(summary.at("/consistent_fraction").asDouble()).isCloseTo(consistent, within(1e-9));
        String consensus = summary.at("/motif/consensus").asText();
        assertThat(consensus).matches("[ACGT]+");
    }
}
