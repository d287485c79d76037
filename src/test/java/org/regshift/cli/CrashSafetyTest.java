package org.regshift.cli;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.regshift.testing.Cli;

/**
 * Each step is killed with SIGKILL at seeded random moments while its staging directory (or
 * temporary file) exists: afterwards every file it left is one of the finished run's files with
 * the same bytes, and a rerun gives the same bytes as a run that was never interrupted.
 */
class CrashSafetyTest {
    private static final int KILLS_PER_STEP = 2;
    /** Kills tried at most: on a loaded machine a run may finish before its staging is seen. */
    private static final int MAX_KILLS = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    static Path library;
    static Path activity;
    static Path model;
    static Path predictions;

    @TempDir
    Path tmp;

    /** One step: its name, its arguments without --out, whether its output is a file. */
    record Step(String name, List<Object> args, boolean file) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void inputs() throws IOException {
        library = Cli.succeed("simulate", shared.resolve("lib"), "--n", "4000", "--length", "120", "--seed", "3");
        activity = Cli.succeed("qc", shared.resolve("qc"), "--counts", library.resolve("counts.tsv.gz"), "--fasta",
                library.resolve("sequences.fa.gz"), "--condition", "ct1").resolve("activity.tsv");
        model = Cli.succeed("train", shared.resolve("model"), "--data", activity, "--arch", "cnn-reference", "--epochs", "1");
        predictions = shared.resolve("predictions.tsv");
        assertThat(Cli.run("predict", "--model", model, "--data", activity, "--out", predictions).exitCode()).isZero();
    }

    static Stream<Step> steps() {
        return Stream.of(
                new Step("simulate", List.of("--n", "10000", "--length", "150", "--seed", "9"), false),
                new Step("qc", List.of("--counts", library.resolve("counts.tsv.gz"), "--fasta", library.resolve("sequences.fa.gz"),
                        "--condition", "ct1"), false),
                new Step("train", List.of("--data", activity, "--arch", "cnn-reference", "--epochs", "1", "--seed", "5"), false),
                new Step("predict", List.of("--model", model, "--data", library.resolve("sequences.fa.gz")), true),
                new Step("calibrate", List.of("--fit", predictions, "--apply", predictions, "--method", "isotonic"), false),
                new Step("evaluate", List.of("--predictions", "lib=" + predictions, "--truth", "lib=" + predictions), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("steps")
    void aKilledRunLeavesOnlyFinishedFilesAndARerunGivesTheSameBytes(Step step) throws Exception {
        Path out = tmp.resolve("out" + (step.file() ? ".tsv" : ""));
        long started = System.nanoTime();
        assertThat(run(step, out).waitFor()).isZero();
        long duration = System.nanoTime() - started;
        Map<String, String> expected = contents(out);
        Files.move(out, tmp.resolve("uninterrupted"));

        Random random = new Random(step.name().hashCode());
        int killedWhileStaging = 0;
        for (int kill = 0; kill < KILLS_PER_STEP || killedWhileStaging == 0 && kill < MAX_KILLS; kill++) {
            Set<Path> before = staging(step, out);
            long launched = System.nanoTime();
            Process p = run(step, out);
            long deadline = launched + 4 * duration;
            while (p.isAlive() && !hasNew(staging(step, out), before) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            long left = Math.max(0, duration - (System.nanoTime() - launched));
            p.waitFor((long) (left * 0.8 * random.nextDouble()), TimeUnit.NANOSECONDS);
            boolean staging = hasNew(staging(step, out), before);
            p.destroyForcibly().waitFor();
            if (staging && p.exitValue() != 0) {
                killedWhileStaging++;
            }
            assertThat(expected).as("files left after kill %d are the finished run's, byte for byte", kill)
                    .containsAllEntriesOf(contents(out));
        }
        assertThat(killedWhileStaging).as("runs killed while their staging directory or temporary file existed")
                .isGreaterThanOrEqualTo(1);
        assertThat(run(step, out).waitFor()).isZero();
        assertThat(contents(out)).isEqualTo(expected);
    }

    @Test
    void aSecondRunIntoADirectoryInUseIsRefusedAndTheFirstFinishesWhole() throws Exception {
        // long enough (several seconds) that the second run starts while the first holds the lock
        Step simulate = new Step("simulate", List.of("--n", "200000", "--length", "150", "--seed", "9"), false);
        Path out = tmp.resolve("shared-out");
        Process first = run(simulate, out);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!Files.exists(out.resolve(".regshift.lock")) && first.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(first.isAlive()).as("the first run is still writing").isTrue();
        Cli.assertFailsCleanly(Cli.run("simulate", "--n", "10", "--out", out), 2, "is in use by another run");
        assertThat(first.waitFor()).isZero();
        Path alone = tmp.resolve("alone");
        assertThat(run(simulate, alone).waitFor()).isZero();
        Map<String, String> expected = contents(alone);
        Map<String, String> actual = contents(out);
        expected.remove("provenance.json");
        actual.remove("provenance.json");
        assertThat(actual).as("the first run's files, untouched by the second").isEqualTo(expected);
    }

    /** The staging directories (directory outputs) or temporary files (file outputs) now present. */
    private static Set<Path> staging(Step step, Path out) throws IOException {
        Path dir = step.file() ? out.getParent() : out;
        String prefix = step.file() ? "." + out.getFileName() + "." : ".staging-";
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(prefix)).collect(Collectors.toSet());
        }
    }

    private static boolean hasNew(Set<Path> now, Set<Path> before) {
        return now.stream().anyMatch(p -> !before.contains(p));
    }

    private static Process run(Step step, Path out) throws IOException {
        List<Object> args = new ArrayList<>(List.of(step.name()));
        args.addAll(step.args());
        args.addAll(List.of("--out", out));
        return new ProcessBuilder(Cli.command(args.toArray())).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /**
     * The SHA-256 of every visible file under the output (a file, or a directory's files; none if
     * it does not exist); for provenance.json, of its content without the run's start and end
     * times.
     */
    private static Map<String, String> contents(Path out) throws Exception {
        Map<String, String> files = new TreeMap<>();
        if (!Files.exists(out)) {
            return files;
        }
        List<Path> found;
        try (Stream<Path> walk = Files.walk(out)) {
            found = walk.filter(Files::isRegularFile).filter(f -> !out.relativize(f).toString().startsWith(".")).toList();
        }
        for (Path f : found) {
            byte[] bytes = Files.readAllBytes(f);
            if (f.getFileName().toString().equals("provenance.json")) {
                ObjectNode provenance = (ObjectNode) JSON.readTree(bytes);
                provenance.remove(List.of("start", "end"));
                bytes = JSON.writeValueAsBytes(provenance);
            }
            files.put(out.relativize(f).toString(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        }
        return files;
    }
}
