package org.regshift.train;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.math3.stat.descriptive.moment.Variance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regshift.testing.Cli;
import org.regshift.testing.SimulatedModel;

/** {@code regshift train --adversarial}: mechanics, determinism, robustness to the attack and bad options. */
class AdversarialTrainCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path train(String name, String method) {
        return Cli.succeed("train", tmp.resolve(name), "--data", SimulatedModel.dir().resolve("qc/activity.tsv"), "--epochs", "6",
                "--arch", "cnn-reference", "--seed", "5", "--adversarial", method, "--epsilon", "0.05", "--adv-weight", "0.5");
    }

    private JsonNode attack(Path model, String name) throws IOException {
        Path out = Cli.succeed("attack", tmp.resolve(name), "--model", model, "--data", SimulatedModel.dir().resolve("qc/activity.tsv"),
                "--method", "fgsm", "--epsilon", "0.05");
        return JSON.readTree(out.resolve("attack.json").toFile());
    }

    @Test
    void trainsWithAttackedRowsRecordsItRepeatsItselfAndResistsTheAttackItTrainedOn() throws IOException {
        Path a = train("a", "fgsm");
        Path b = train("b", "fgsm");
        assertThat(JSON.readTree(a.resolve("model.json").toFile()).at("/hyper_parameters/adversarial").asText())
                .isEqualTo("fgsm epsilon 0.05 weight 0.5");
        Path pa = tmp.resolve("pa.tsv");
        Path pb = tmp.resolve("pb.tsv");
        Path data = SimulatedModel.dir().resolve("qc/activity.tsv");
        assertThat(Cli.run("predict", "--model", a, "--data", data, "--out", pa).exitCode()).isZero();
        assertThat(Cli.run("predict", "--model", b, "--data", data, "--out", pb).exitCode()).isZero();
        assertThat(Files.readAllBytes(pa)).isEqualTo(Files.readAllBytes(pb));

        Path standard = Cli.succeed("train", tmp.resolve("s"), "--data", data, "--epochs", "6", "--arch", "cnn-reference",
                "--seed", "5");
        JsonNode robust = attack(a, "attack-a");
        JsonNode fragile = attack(standard, "attack-s");
        double sd = Math.sqrt(new Variance(false).evaluate(Cli.table(data).stream().mapToDouble(r -> Cli.number(r, "activity"))
                .toArray()));
        assertThat(robust.at("/clean/rmse").asDouble()).as("the adversarially trained model still learns").isLessThan(0.99 * sd);
        assertThat(robust.at("/attacks/0/mean_abs_shift").asDouble()).as("FGSM moves it clearly less far")
                .isLessThan(0.7 * fragile.at("/attacks/0/mean_abs_shift").asDouble());
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
