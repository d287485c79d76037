package org.regshift.train;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regshift.testing.Cli;
import org.regshift.testing.SimulatedModel;

/** {@code regshift train --adversarial}: mechanics, determinism and bad options. */
class AdversarialTrainCommandTest {
    @TempDir
    Path tmp;

    private Path train(String name, String method) {
        return Cli.succeed("train", tmp.resolve(name), "--data", SimulatedModel.dir().resolve("qc/activity.tsv"), "--epochs", "2",
                "--arch", "cnn-reference", "--seed", "5", "--adversarial", method, "--epsilon", "0.2", "--adv-weight", "0.5");
    }

    @Test
    void trainsWithAttackedRowsRecordsItAndRepeatsItselfByteForByte() throws IOException {
        Path a = train("a", "fgsm");
        Path b = train("b", "fgsm");
        assertThat(new ObjectMapper().readTree(a.resolve("model.json").toFile()).at("/hyper_parameters/adversarial").asText())
                .isEqualTo("fgsm epsilon 0.2 weight 0.5");
        Path pa = tmp.resolve("pa.tsv");
        Path pb = tmp.resolve("pb.tsv");
        Path data = SimulatedModel.dir().resolve("qc/activity.tsv");
        assertThat(Cli.run("predict", "--model", a, "--data", data, "--out", pa).exitCode()).isZero();
        assertThat(Cli.run("predict", "--model", b, "--data", data, "--out", pb).exitCode()).isZero();
        assertThat(Files.readAllBytes(pa)).isEqualTo(Files.readAllBytes(pb));
        Path standard = Cli.succeed("train", tmp.resolve("s"), "--data", data, "--epochs", "2", "--arch", "cnn-reference",
                "--seed", "5");
        Path ps = tmp.resolve("ps.tsv");
        assertThat(Cli.run("predict", "--model", standard, "--data", data, "--out", ps).exitCode()).isZero();
        assertThat(Files.readAllLines(ps)).as("the attacked rows change what is learned").isNotEqualTo(Files.readAllLines(pa));
    }

    @Test
    void badOptions() {
        Path data = SimulatedModel.dir().resolve("qc/activity.tsv");
        Cli.assertFailsCleanly(Cli.run("train", "--data", data, "--adversarial", "cw", "--out", tmp.resolve("o")), 2,
                "--adversarial': expected one of fgsm, pgd, substitution, not 'cw'");
        Cli.assertFailsCleanly(Cli.run("train", "--data", data, "--adversarial", "fgsm", "--epsilon", "1.5", "--out",
                tmp.resolve("o")), 2, "--epsilon must be in [0, 1], not 1.5");
        Cli.assertFailsCleanly(Cli.run("train", "--data", data, "--adversarial", "fgsm", "--adv-weight", "0", "--out",
                tmp.resolve("o")), 2, "--adv-weight must be in (0, 1], not 0.0");
        assertThat(tmp.resolve("o")).doesNotExist();
    }
}
