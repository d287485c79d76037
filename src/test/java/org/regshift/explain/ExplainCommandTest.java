package org.regshift.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regshift.seq.FastaReader;
import org.regshift.seq.SeqRecord;
import org.regshift.testing.Cli;
import org.regshift.testing.SimulatedModel;

/** {@code regshift explain} on a simulated library, scored against its planted motif sites. */
class ExplainCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SEQUENCES = 60;

    @TempDir
    static Path shared;

    static Path data;
    static Path explained;

    @TempDir
    Path tmp;

    @BeforeAll
    static void explainSimulatedSequences() throws IOException {
        data = shared.resolve("data.fa");
        StringBuilder fasta = new StringBuilder();
        try (FastaReader in = new FastaReader(SimulatedModel.library().resolve("sequences.fa.gz"), false)) {
            for (int i = 0; i < SEQUENCES; i++) {
                SeqRecord r = in.next();
                fasta.append('>').append(r.id()).append('\n').append(r.bases()).append('\n');
            }
        }
        Files.writeString(data, fasta);
        explained = Cli.succeed("explain", shared.resolve("explain"), "--model", SimulatedModel.model(), "--data", data,
                "--truth", SimulatedModel.library().resolve("truth.tsv"), "--stability-sequences", "12", "--steps", "16");
    }

    private static List<String> gunzipLines(Path file) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.UTF_8))) {
            return in.lines().toList();
        }
    }

    @Test
    void everyMethodFindsThePlantedSitesBetterThanChanceAndIsStable() throws IOException {
        JsonNode report = JSON.readTree(explained.resolve("explain.json").toFile());
        assertThat(report.at("/sequences").asInt()).isEqualTo(SEQUENCES);
        for (String method : List.of("saliency", "grad-x-input", "integrated-gradients", "ism")) {
            JsonNode m = report.at("/methods/" + method);
            // chance motif matches carry activity too, but truth.tsv marks only the planted sites as positives
            // (measured 0.54-0.57; one AUROC over these 7,200 positions has an SE of about 0.008)
            assertThat(m.at("/auroc").asDouble()).as(method + " AUROC").isGreaterThan(0.53);
            assertThat(m.at("/auprc").asDouble()).as(method + " AUPRC above the site fraction")
                    .isGreaterThan(m.at("/site_fraction").asDouble());
            assertThat(m.at("/per_motif").size()).isPositive();
            assertThat(m.at("/stability/random_substitutions").asDouble()).as(method).isBetween(0.5, 1.0);
            assertThat(m.at("/stability/gradient_substitutions").asDouble()).as(method + ": edits along the gradient move it more")
                    .isBetween(0.3, m.at("/stability/random_substitutions").asDouble());
            assertThat(m.at("/stability/undefined").asInt()).as(method + ": no constant attribution track").isZero();
        }
        assertThat(report.at("/agreement/grad-x-input vs ism").asDouble()).isGreaterThan(0.5);
        assertThat(report.at("/agreement/grad-x-input vs integrated-gradients").asDouble()).isGreaterThan(0.5);
        assertThat(explained.resolve("site_recovery.png")).isNotEmptyFile();
        assertThat(explained.resolve("example_track.svg")).isNotEmptyFile();
    }

    @Test
    void agreementIsTheMeanSpearmanCorrelationOfTheWrittenAttributions() throws IOException {
        JsonNode report = JSON.readTree(explained.resolve("explain.json").toFile());
        double[][] gradient = scores("grad-x-input");
        double[][] ism = scores("ism");
        SpearmansCorrelation spearman = new SpearmansCorrelation();
        double expected = IntStream.range(0, SEQUENCES).mapToDouble(i -> spearman.correlation(gradient[i], ism[i]))
                .average().orElseThrow();
        assertThat(report.at("/agreement/grad-x-input vs ism").asDouble()).isCloseTo(expected, within(1e-3));
    }

    /** The score column of a method's attributions, one row per sequence. */
    private static double[][] scores(String method) throws IOException {
        List<String> rows = gunzipLines(explained.resolve("attributions_" + method + ".tsv.gz"));
        int length = (rows.size() - 1) / SEQUENCES;
        double[][] scores = new double[SEQUENCES][length];
        for (int r = 1; r < rows.size(); r++) {
            scores[(r - 1) / length][(r - 1) % length] = Double.parseDouble(rows.get(r).split("\t")[3]);
        }
        return scores;
    }

    @Test
    void attributionsCoverEveryPositionWithCentredHypotheticalContributions() throws IOException {
        for (String method : List.of("grad-x-input", "ism")) {
            List<String> rows = gunzipLines(explained.resolve("attributions_" + method + ".tsv.gz"));
            assertThat(rows.get(0)).isEqualTo("id\tposition\tbase\tscore\thyp_A\thyp_C\thyp_G\thyp_T");
            assertThat(rows).hasSize(1 + SEQUENCES * 120);
            for (String row : rows.subList(1, rows.size())) {
                String[] f = row.split("\t");
                double sum = 0;
                for (int b = 4; b < 8; b++) {
                    sum += Double.parseDouble(f[b]);
                }
                assertThat(sum).isCloseTo(0, within(1e-4));
                int observed = "ACGT".indexOf(f[2]);
                if (method.equals("grad-x-input")) {
                    assertThat(Double.parseDouble(f[3])).isCloseTo(Double.parseDouble(f[4 + observed]), within(1e-6));
                } else {
                    // ism: the observed base's prediction minus the mean of the other three = 4/3 of its centred value
                    assertThat(Double.parseDouble(f[3])).isCloseTo(Double.parseDouble(f[4 + observed]) * 4 / 3, within(1e-5));
                }
            }
            List<String> track = gunzipLines(explained.resolve(method + ".bedgraph.gz"));
            assertThat(track.get(0)).startsWith("track type=bedGraph");
            assertThat(track).hasSize(1 + SEQUENCES * 120);
            assertThat(track.get(1)).matches("\\S+\t0\t1\t\\S+");
        }
    }

    @Test
    void ismScoresAreWhatPredictSaysAboutTheSubstitutedSequences() throws IOException {
        String id;
        String sequence;
        try (FastaReader in = new FastaReader(data, false)) {
            SeqRecord first = in.next();
            id = first.id();
            sequence = first.bases();
        }
        int position = 50;
        StringBuilder fasta = new StringBuilder(">ref\n" + sequence + "\n");
        for (char b : "ACGT".toCharArray()) {
            if (b != sequence.charAt(position)) {
                fasta.append(">alt").append(b).append('\n').append(sequence, 0, position).append(b)
                        .append(sequence.substring(position + 1)).append('\n');
            }
        }
        Path variants = tmp.resolve("v.fa");
        Files.writeString(variants, fasta);
        Path predictions = tmp.resolve("p.tsv");
        assertThat(Cli.run("predict", "--model", SimulatedModel.model(), "--data", variants, "--out", predictions).exitCode()).isZero();
        List<Map<String, String>> p = Cli.table(predictions);
        double alts = p.subList(1, 4).stream().mapToDouble(r -> Cli.number(r, "mean")).average().orElseThrow();
        double expected = Cli.number(p.get(0), "mean") - alts;
        String row = gunzipLines(explained.resolve("attributions_ism.tsv.gz")).stream()
                .filter(l -> l.startsWith(id + "\t" + (position + 1) + "\t")).findFirst().orElseThrow();
        assertThat(Double.parseDouble(row.split("\t")[3])).isCloseTo(expected, within(1e-4));
    }

    @Test
    void theSameSeedGivesTheSameBytes() throws IOException {
        Path a = Cli.succeed("explain", tmp.resolve("a"), "--model", SimulatedModel.model(), "--data", data, "--method",
                "grad-x-input", "--stability-sequences", "5", "--seed", "3");
        Path b = Cli.succeed("explain", tmp.resolve("b"), "--model", SimulatedModel.model(), "--data", data, "--method",
                "grad-x-input", "--stability-sequences", "5", "--seed", "3");
        for (String f : List.of("explain.json", "attributions_grad-x-input.tsv.gz")) {
            assertThat(Files.readAllBytes(a.resolve(f))).as(f).isEqualTo(Files.readAllBytes(b.resolve(f)));
        }
    }

    @Test
    void badInput() throws IOException {
        Path truth = tmp.resolve("truth.tsv");
        Files.writeString(truth, "id\tsites\nother\tMA0114.5:3:+:1\n");
        Cli.assertFailsCleanly(Cli.run("explain", "--model", SimulatedModel.model(), "--data", data, "--truth", truth,
                "--motifs", Cli.TEST_DATA.resolve("jaspar/JASPAR2024_CORE_vertebrates_non-redundant_pfms_jaspar.txt"),
                "--out", tmp.resolve("o")), 3, "truth.tsv: has no row for sequence 'seq_000001' of the data");
        Cli.assertFailsCleanly(Cli.run("explain", "--model", SimulatedModel.model(), "--data", data, "--truth", truth,
                "--out", tmp.resolve("o")), 2, "no scenario.json beside it");
        Cli.assertFailsCleanly(Cli.run("explain", "--model", SimulatedModel.model(), "--data", data, "--method",
                "deeplift", "--out", tmp.resolve("o")), 2, "--method' (NAME): expected one of saliency, grad-x-input, integrated-gradients, ism, not 'deeplift'");
        assertThat(tmp.resolve("o")).doesNotExist();
    }
}
