package org.regshift.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regshift.io.Inputs;
import org.regshift.metrics.Metrics;
import org.regshift.testing.Cli;

/** {@code regshift train} and {@code predict} on a simulated library, through qc. */
class TrainPredictCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    static Path activity;

    @TempDir
    Path tmp;

    @BeforeAll
    static void simulateAndQc() {
        Path lib = Cli.succeed("simulate", shared.resolve("lib"), "--n", "2500", "--length", "120", "--seed", "5");
        Path qc = Cli.succeed("qc", shared.resolve("qc"), "--counts", lib.resolve("counts.tsv.gz"), "--fasta",
                lib.resolve("sequences.fa.gz"), "--condition", "ct1");
        activity = qc.resolve("activity.tsv");
    }

    @Test
    void learnsTheSimulatedActivityAndPredictsEveryRowWithItsUncertainty() throws IOException {
        Path model = Cli.succeed("train", tmp.resolve("model"), "--data", activity, "--epochs", "10", "--seed", "3",
                "--arch", "cnn-reference");
        JsonNode bundle = JSON.readTree(model.resolve("model.json").toFile());
        assertThat(bundle.at("/format_version").asInt()).isEqualTo(3);
        assertThat(bundle.at("/hyper_parameters/engine").asText()).isEqualTo("lean");
        assertThat(bundle.at("/architecture").asText()).isEqualTo("cnn-reference");
        assertThat(bundle.at("/input_length").asInt()).isEqualTo(120);
        assertThat(bundle.at("/members/0/valid_pearson").asDouble()).isGreaterThan(0.3);
        assertThat(JSON.readTree(model.resolve("provenance.json").toFile()).at("/nd4j/backend").asText()).isEqualTo("CpuBackend");

        Path predictions = tmp.resolve("predictions.tsv");
        assertThat(Cli.run("predict", "--model", model, "--data", activity, "--out", predictions).exitCode()).isZero();
        List<String> in = Files.readAllLines(activity);
        List<String> out = Files.readAllLines(predictions);
        List<String> header = List.of(out.get(0).split("\t"));
        assertThat(header).startsWith("id", "mean", "var_aleatoric", "var_epistemic", "var_total", "lower", "upper", "y")
                .contains("split", "gc").doesNotContain("sequence");
        assertThat(out).hasSameSizeAs(in);
        Map<String, List<double[]>> bySplit = new java.util.HashMap<>();
        for (int i = 1; i < out.size(); i++) {
            String[] f = out.get(i).split("\t");
            assertThat(f[0]).isEqualTo(in.get(i).split("\t")[0]);
            double mean = Double.parseDouble(f[1]);
            double var = Double.parseDouble(f[4]);
            assertThat(Double.parseDouble(f[3])).isZero();
            assertThat(var).isCloseTo(Double.parseDouble(f[2]), within(1e-6)).isPositive();
            double half = 1.6448536 * Math.sqrt(var);
            assertThat(mean - Double.parseDouble(f[5])).as("lower, row %d", i).isCloseTo(half, within(1e-5 + 1e-6 * half));
            assertThat(Double.parseDouble(f[6]) - mean).as("upper, row %d", i).isCloseTo(half, within(1e-5 + 1e-6 * half));
            bySplit.computeIfAbsent(f[header.indexOf("split")], k -> new ArrayList<>())
                    .add(new double[] {mean, Double.parseDouble(f[7]), Double.parseDouble(f[5]), Double.parseDouble(f[6])});
        }
        // the bundle keeps the best epoch's weights and the target's scale: its validation Pearson is the table's
        double[][] valid = columns(bySplit.get("valid"));
        assertThat(Metrics.pearson(valid[0], valid[1])).as("valid Pearson from the table")
                .isCloseTo(bundle.at("/members/0/valid_pearson").asDouble(), within(1e-4));
        double[][] test = columns(bySplit.get("test"));
        assertThat(Metrics.pearson(test[0], test[1])).as("test Pearson").isGreaterThan(0.3);
        assertThat(Metrics.rmse(test[1], test[0])).as("test RMSE below SD(y)")
                .isLessThan(0.95 * Math.sqrt(java.util.Arrays.stream(test[1]).map(v -> v * v).average().orElseThrow()
                        - Math.pow(java.util.Arrays.stream(test[1]).average().orElseThrow(), 2)));
        long inside = java.util.stream.IntStream.range(0, test[1].length).filter(k -> test[1][k] >= test[2][k]
                && test[1][k] <= test[3][k]).count();
        assertThat((double) inside / test[1].length).as("90% coverage on test rows").isBetween(0.85, 0.95);
    }

    /** Rows of {mean, y, lower, upper} as four columns. */
    private static double[][] columns(List<double[]> rows) {
        double[][] c = new double[4][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < 4; j++) {
                c[j][i] = rows.get(i)[j];
            }
        }
        return c;
    }

    @Test
    void sequencesOfAnotherLengthAreCroppedOrPaddedWithAWarning() throws IOException {
        Path model = Cli.succeed("train", tmp.resolve("model"), "--data", activity, "--epochs", "1", "--seed", "3",
                "--arch", "cnn-reference");
        String seq = "ACGTTGCA".repeat(15);
        Path table = Files.writeString(tmp.resolve("lengths.tsv"), "id\tsequence\n"
                + "exact\t" + seq + "\nlong\tGG" + seq + "TT\nshort\t" + seq.substring(10, 110) + "\nlong2\tA" + seq + "\n");
        Path predictions = tmp.resolve("p.tsv");
        Cli.Result r = Cli.run("predict", "--model", model, "--data", table, "--out", predictions);
        assertThat(r.exitCode()).isZero();
        assertThat(r.stderr()).contains("predict: 2 of 4 sequences were longer than the model's 120 bp and centre-cropped, "
                + "1 shorter and centre-padded with N");
        JsonNode provenance = JSON.readTree(tmp.resolve("p.provenance.json").toFile());
        assertThat(provenance.at("/cropped").asInt()).isEqualTo(2);
        assertThat(provenance.at("/padded").asInt()).isEqualTo(1);
        List<String> rows = Files.readAllLines(predictions);
        assertThat(rows.get(2).split("\t")[1]).as("GG + seq + TT is cropped back to seq").isEqualTo(rows.get(1).split("\t")[1]);
    }

    @Test
    void theSameSeedGivesTheSameModelAndAnEnsembleHasEpistemicVariance() throws IOException {
        // the default legnet (batch norm) on the table's first 600 rows: bytes are tested here, not the fit
        Path rows = Files.write(tmp.resolve("rows.tsv"), Files.readAllLines(activity).subList(0, 601));
        Object[] recipe = {"--data", rows, "--epochs", "2", "--batch-size", "64", "--seed", "9", "--ensemble", "2"};
        Path a = Cli.succeed("train", tmp.resolve("a"), recipe);
        Path b = Cli.succeed("train", tmp.resolve("b"), recipe);
        Path pa = tmp.resolve("pa.tsv");
        Path pb = tmp.resolve("pb.tsv");
        assertThat(Cli.run("predict", "--model", a, "--data", rows, "--out", pa).exitCode()).isZero();
        assertThat(Cli.run("predict", "--model", b, "--data", rows, "--out", pb).exitCode()).isZero();
        assertThat(Files.readString(pa)).isEqualTo(Files.readString(pb));
        for (String f : List.of("model.json", "member_0.zip", "member_1.zip")) {
            assertThat(Inputs.sha256(a.resolve(f))).as(f).isEqualTo(Inputs.sha256(b.resolve(f)));
        }

        // predicting the table in two chunks split at a multiple of the batch size (256), joined, gives the same bytes
        List<String> lines = Files.readAllLines(rows);
        Path first = tmp.resolve("first.tsv");
        Path second = tmp.resolve("second.tsv");
        Files.write(first, lines.subList(0, 1 + 256));
        List<String> rest = new ArrayList<>(List.of(lines.get(0)));
        rest.addAll(lines.subList(1 + 256, lines.size()));
        Files.write(second, rest);
        Path p1 = tmp.resolve("p1.tsv");
        Path p2 = tmp.resolve("p2.tsv");
        assertThat(Cli.run("predict", "--model", a, "--data", first, "--out", p1).exitCode()).isZero();
        assertThat(Cli.run("predict", "--model", a, "--data", second, "--out", p2).exitCode()).isZero();
        List<String> joined = new ArrayList<>(Files.readAllLines(p1));
        joined.addAll(Files.readAllLines(p2).subList(1, Files.readAllLines(p2).size()));
        assertThat(joined).containsExactlyElementsOf(Files.readAllLines(pa));
        assertThat(Files.readAllLines(pa).stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split("\t")[3])).max()
                .orElseThrow()).isPositive();
        assertThat(JSON.readTree(a.resolve("model.json").toFile()).at("/members/1/seed").asLong()).isEqualTo(10);

        // members trained as separate tasks and merged give the same bundle as --ensemble 2
        Path m0 = Cli.succeed("train", tmp.resolve("m0"), concat(recipe, "--member", "0"));
        Path m1 = Cli.succeed("train", tmp.resolve("m1"), concat(recipe, "--member", "1"));
        Path merged = Cli.succeed("ensemble", tmp.resolve("merged"), "--members", m0, m1);
        for (String f : List.of("model.json", "member_0.zip", "member_1.zip")) {
            assertThat(Inputs.sha256(merged.resolve(f))).as(f).isEqualTo(Inputs.sha256(a.resolve(f)));
        }

        // a member of another architecture is refused, naming it, and nothing is written
        Path other = Cli.succeed("train", tmp.resolve("other"), "--data", rows, "--epochs", "1", "--seed", "9",
                "--arch", "cnn-reference");
        Cli.assertFailsCleanly(Cli.run("ensemble", "--members", m0, other, "--out", tmp.resolve("mixed")), 3,
                "other/model.json: has another architecture than " + m0);
        assertThat(tmp.resolve("mixed")).doesNotExist();
    }

    private static Object[] concat(Object[] options, Object... more) {
        Object[] all = java.util.Arrays.copyOf(options, options.length + more.length);
        System.arraycopy(more, 0, all, options.length, more.length);
        return all;
    }
}
