package org.regshift.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One simulated library (3,000 sequences of 120 bp, seed 5) and a 3-member cnn-reference ensemble
 * trained on its ct1 activity for 8 epochs, made once per test JVM and shared by the tests that
 * check what a model learned against the simulator's truth.
 */
public final class SimulatedModel {
    private static Path dir;

    private SimulatedModel() {
    }

    public static synchronized Path dir() {
        if (dir == null) {
            try {
                Path d = Files.createTempDirectory("regshift-simulated-model");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(d)));
                Cli.succeed("simulate", d.resolve("lib"), "--n", "3000", "--length", "120", "--seed", "5");
                Cli.succeed("qc", d.resolve("qc"), "--counts", d.resolve("lib/counts.tsv.gz"), "--fasta",
                        d.resolve("lib/sequences.fa.gz"), "--condition", "ct1");
                Cli.succeed("train", d.resolve("model"), "--data", d.resolve("qc/activity.tsv"), "--arch", "cnn-reference",
                        "--epochs", "8", "--ensemble", "3", "--seed", "2");
                dir = d;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    private static void delete(Path d) {
        try (Stream<Path> files = Files.walk(d)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: the system cleans it up later
        }
    }

    public static Path library() {
        return dir().resolve("lib");
    }

    public static Path model() {
        return dir().resolve("model");
    }
}
