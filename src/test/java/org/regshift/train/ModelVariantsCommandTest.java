package org.regshift.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.regshift.motif.Bases;
import org.regshift.testing.Cli;

/** Every architecture, loss, prior and augmentation trains and predicts; predict's input forms. */
class ModelVariantsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    static Path activity;
    static Path model;

    @TempDir
    Path tmp;

    @BeforeAll
    static void simulateQcAndTrain() {
        Path lib = Cli.succeed("simulate", shared.resolve("lib"), "--n", "900", "--length", "100", "--seed", "8");
        activity = Cli.succeed("qc", shared.resolve("qc"), "--counts", lib.resolve("counts.tsv.gz"), "--fasta",
                lib.resolve("sequences.fa.gz"), "--condition", "ct1").resolve("activity.tsv");
        model = Cli.succeed("train", shared.resolve("model"), "--data", activity, "--epochs", "1", "--seed", "2");
    }

    @ParameterizedTest
    @CsvSource({
        "bilstm, gaussian-nll, none, none, 0",
        "transformer, beta-nll, gc, rc, 1",
        "cnn-reference, mse, motif+gc, 'rc,shift', 29",
        "cnn, gaussian-nll, motif, shift, 28"
    })
    void trainsAndPredicts(String arch, String loss, String priors, String augment, int features) throws IOException {
        Path m = Cli.succeed("train", tmp.resolve("m"), "--data", activity, "--epochs", "1", "--arch", arch, "--loss", loss,
                "--priors", priors, "--augment", augment);
        JsonNode doc = JSON.readTree(m.resolve("model.json").toFile());
        assertThat(doc.at("/architecture").asText()).isEqualTo(arch);
        assertThat(doc.at("/loss").asText()).isEqualTo(loss);
        assertThat(doc.at("/hyper_parameters/augment").asText()).isEqualTo(augment);
        assertThat(doc.at("/priors/features").size()).isEqualTo(features);
        assertThat(doc.at("/priors/mean").size()).isEqualTo(features);
        if (priors.contains("motif")) {
            assertThat(doc.at("/priors/motifs").size()).isEqualTo(14);
        }

        Path p = tmp.resolve("p.tsv");
        assertThat(Cli.run("predict", "--model", m, "--data", activity, "--out", p).exitCode()).isZero();
        List<String[]> rows = Files.readAllLines(p).stream().skip(1).map(l -> l.split("\t")).toList();
        assertThat(rows).hasSize(Files.readAllLines(activity).size() - 1);
        for (String[] r : rows) {
            assertThat(Double.parseDouble(r[1])).isFinite();
            assertThat(Double.parseDouble(r[2])).isPositive();
        }
        if (loss.equals("mse")) {
            double sd = doc.at("/target/sd").asDouble();
            double expected = doc.at("/members/0/residual_variance").asDouble() * sd * sd;
            assertThat(rows).allSatisfy(r -> assertThat(Double.parseDouble(r[2])).isCloseTo(expected, within(1e-6 * expected)));
        }
    }

    @Test
    void adamWWithAOneCycleScheduleAndLargeBatchesIsRecordedAndItsBundlePredicts() throws IOException {
        Path m = Cli.succeed("train", tmp.resolve("m"), "--data", activity, "--epochs", "2", "--arch", "cnn-reference",
                "--schedule", "onecycle", "--max-lr", "0.005", "--weight-decay", "0.1", "--batch-size", "1024", "--threads", "2");
        JsonNode hyper = hyperParameters(m);
        assertThat(hyper.at("/optimizer").asText()).isEqualTo("adamw");
        assertThat(hyper.at("/schedule").asText()).isEqualTo("onecycle");
        assertThat(hyper.at("/max_learning_rate").asDouble()).isEqualTo(0.005);
        assertThat(hyper.at("/weight_decay").asDouble()).isEqualTo(0.1);
        assertThat(hyper.at("/batch_size").asInt()).isEqualTo(1024);
        assertThat(hyper.at("/engine").asText()).isEqualTo("lean");
        Path p = tmp.resolve("p.tsv");
        assertThat(Cli.run("predict", "--model", m, "--data", activity, "--out", p).exitCode()).isZero();
        assertThat(Files.readAllLines(p)).hasSize(Files.readAllLines(activity).size());
    }

    @Test
    void theDefaultIsLegnetWithItsRecipeAndTheOodReferenceOfItsTrainingRows() throws IOException {
        JsonNode doc = JSON.readTree(model.resolve("model.json").toFile());
        assertThat(doc.at("/architecture").asText()).isEqualTo("legnet");
        assertThat(doc.at("/loss").asText()).isEqualTo("gaussian-nll");
        assertThat(doc.at("/priors").isNull()).isTrue();
        assertThat(doc.at("/ood/features/features").size()).isEqualTo(29);
        assertThat(doc.at("/ood/precision").size()).isEqualTo(29);
        JsonNode recipe = doc.at("/hyper_parameters");
        assertThat(recipe.at("/optimizer").asText()).isEqualTo("adamw");
        assertThat(recipe.at("/weight_decay").asDouble()).isEqualTo(0.1);
        assertThat(recipe.at("/schedule").asText()).isEqualTo("onecycle");
        assertThat(recipe.at("/max_learning_rate").asDouble()).isEqualTo(0.005);
        assertThat(recipe.at("/batch_size").asInt()).isEqualTo(256);
        assertThat(recipe.at("/augment").asText()).isEqualTo("rc,shift");
    }

    @Test
    void optionsOverrideLegnetsRecipe() throws IOException {
        JsonNode own = hyperParameters(Cli.succeed("train", tmp.resolve("own"), "--data", activity, "--epochs", "1",
                "--weight-decay", "0", "--schedule", "constant", "--batch-size", "64", "--augment", "none"));
        assertThat(own.at("/optimizer").asText()).isEqualTo("adam");
        assertThat(own.at("/schedule").asText()).isEqualTo("constant");
        assertThat(own.at("/batch_size").asInt()).isEqualTo(64);
        assertThat(own.at("/augment").asText()).isEqualTo("none");
    }

    @Test
    void legnetPredictsTheSameInPassesOf64AsInOnePassPerBatch() throws IOException {
        Path batches = tmp.resolve("batches.tsv");
        Path passes = tmp.resolve("passes.tsv");
        assertThat(Cli.run("predict", "--model", model, "--data", activity, "--out", batches, "--batch-size", "64").exitCode()).isZero();
        assertThat(Cli.run("predict", "--model", model, "--data", activity, "--out", passes, "--batch-size", "640").exitCode()).isZero();
        assertThat(Files.readAllLines(passes)).hasSize(Files.readAllLines(activity).size()).isEqualTo(Files.readAllLines(batches));
    }

    private static JsonNode hyperParameters(Path bundle) throws IOException {
        return JSON.readTree(bundle.resolve("model.json").toFile()).at("/hyper_parameters");
    }

    @Test
    void reverseComplementAveragingGivesBothStrandsTheSamePredictionAndIsTheDefaultOfModelsTrainedOnBoth() throws IOException {
        List<String> lines = Files.readAllLines(activity);
        List<String> header = List.of(lines.get(0).split("\t"));
        int seq = header.indexOf("sequence");
        List<String> reversed = new ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            f[seq] = Bases.reverseComplement(f[seq]);
            reversed.add(String.join("\t", f));
        }
        Path rcTable = tmp.resolve("rc.tsv");
        Files.write(rcTable, reversed);
        List<String> forward = predict("--data", activity, "--rc-average");
        List<String> backward = predict("--data", rcTable, "--rc-average");
        assertThat(backward).containsExactlyElementsOf(forward);
        assertThat(predict("--data", activity, "--no-rc-average")).isNotEqualTo(forward);
        assertThat(predict("--data", activity)).as("the default of a model trained with --augment rc").isEqualTo(forward);
    }

    @Test
    void predictsOnFastaAndFromAZippedBundle() throws IOException {
        List<String> lines = Files.readAllLines(activity);
        int seq = List.of(lines.get(0).split("\t")).indexOf("sequence");
        StringBuilder fasta = new StringBuilder();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            fasta.append('>').append(f[0]).append(" description\n").append(f[seq]).append('\n');
        }
        Path fa = tmp.resolve("seqs.fa");
        Files.writeString(fa, fasta);
        List<String> fromFasta = predict("--data", fa);
        assertThat(fromFasta.get(0)).isEqualTo("id\tmean\tvar_aleatoric\tvar_epistemic\tvar_total\tlower\tupper\tood");
        List<String> fromTable = predict("--data", activity);
        assertThat(fromTable.get(0)).startsWith("id\tmean\tvar_aleatoric\tvar_epistemic\tvar_total\tlower\tupper\ty\tood\t");
        for (int i = 1; i < fromTable.size(); i++) {
            List<String> f = List.of(fromTable.get(i).split("\t"));
            assertThat(String.join("\t", f.subList(0, 7)) + "\t" + f.get(8)).isEqualTo(fromFasta.get(i));
        }

        Path zip = tmp.resolve("model.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip)); Stream<Path> files = Files.list(model)) {
            for (Path f : files.sorted().toList()) {
                out.putNextEntry(new ZipEntry("bundle/" + f.getFileName()));
                Files.copy(f, (OutputStream) out);
                out.closeEntry();
            }
        }
        Path p = tmp.resolve("zipped.tsv");
        assertThat(Cli.run("predict", "--model", zip, "--data", activity, "--out", p).exitCode()).isZero();
        assertThat(Files.readAllLines(p)).containsExactlyElementsOf(fromTable);
    }

    private List<String> predict(Object... options) throws IOException {
        Path p = Files.createTempFile(tmp, "p", ".tsv");
        Files.delete(p);
        List<Object> args = new ArrayList<>(List.of("predict", "--model", model, "--out", p));
        args.addAll(List.of(options));
        assertThat(Cli.run(args.toArray()).exitCode()).isZero();
        return Files.readAllLines(p);
    }
}
