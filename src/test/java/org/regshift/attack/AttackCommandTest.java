package org.regshift.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regshift.seq.FastaReader;
import org.regshift.seq.SeqRecord;
import org.regshift.testing.Cli;
import org.regshift.testing.SimulatedModel;

/** {@code regshift attack} on the simulated model's own activity table (the first 200 rows). */
class AttackCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    static Path data;

    @TempDir
    Path tmp;

    @BeforeAll
    static void firstRows() throws IOException {
        data = shared.resolve("activity.tsv");
        Files.write(data, Files.readAllLines(SimulatedModel.dir().resolve("qc/activity.tsv")).subList(0, 201));
    }

    @Test
    void strongerGradientAttacksHurtMoreAndCoverageFalls() throws IOException {
        for (String method : List.of("fgsm", "pgd")) {
            Path out = Cli.succeed("attack", tmp.resolve(method), "--model", SimulatedModel.model(), "--data", data, "--method", method,
                    "--epsilon", "0.05,0.1,0.2");
            JsonNode report = JSON.readTree(out.resolve("attack.json").toFile());
            assertThat(report.at("/rows").asInt()).isEqualTo(200);
            double previous = report.at("/clean/rmse").asDouble();
            for (JsonNode a : report.at("/attacks")) {
                assertThat(a.at("/rmse").asDouble()).as(method + " at " + a.at("/epsilon")).isGreaterThan(previous);
                assertThat(a.at("/delta_rmse").asDouble()).isCloseTo(a.at("/rmse").asDouble() - report.at("/clean/rmse").asDouble(),
                        within(1e-9));
                assertThat(a.at("/mean_abs_shift").asDouble()).isPositive();
                previous = a.at("/rmse").asDouble();
            }
            assertThat(report.at("/attacks/2/coverage").asDouble()).isLessThan(report.at("/clean/coverage").asDouble());
            assertThat(Files.readAllLines(out.resolve("shifts.tsv"))).hasSize(1 + 3 * 200);
            assertThat(out.resolve("attack.png")).isNotEmptyFile();
        }
    }

    @Test
    void substitutionsAreRealEditsThatPredictSeesTheSameWay() throws IOException {
        Path out = Cli.succeed("attack", tmp.resolve("sub"), "--model", SimulatedModel.model(), "--data", data, "--method",
                "substitution", "--max-edits", "3");
        List<Map<String, String>> rows = Cli.table(data);
        try (FastaReader attacked = new FastaReader(out.resolve("attacked.fa"), false)) {
            for (Map<String, String> row : rows) {
                SeqRecord r = attacked.next();
                assertThat(r.id()).isEqualTo(row.get("id"));
                int edits = 0;
                for (int p = 0; p < r.bases().length(); p++) {
                    edits += r.bases().charAt(p) != row.get("sequence").charAt(p) ? 1 : 0;
                }
                assertThat(edits).isEqualTo(3);
            }
        }
        Path predictions = tmp.resolve("p.tsv");
        assertThat(Cli.run("predict", "--model", SimulatedModel.model(), "--data", out.resolve("attacked.fa"), "--out", predictions)
                .exitCode()).isZero();
        List<Map<String, String>> predicted = Cli.table(predictions);
        List<Map<String, String>> shifts = Cli.table(out.resolve("shifts.tsv")).stream()
                .filter(s -> s.get("edits").equals("3")).toList();
        for (int i = 0; i < predicted.size(); i++) {
            assertThat(Cli.number(shifts.get(i), "attacked_mean"))
                    .isCloseTo(Cli.number(predicted.get(i), "mean"), within(1e-4));
        }
        JsonNode report = JSON.readTree(out.resolve("attack.json").toFile());
        assertThat(report.at("/attacks/2/rmse").asDouble()).isGreaterThan(report.at("/attacks/0/rmse").asDouble())
                .isGreaterThan(report.at("/clean/rmse").asDouble());
    }

    @Test
    void badOptions() {
        Cli.assertFailsCleanly(Cli.run("attack", "--model", SimulatedModel.model(), "--data", data, "--epsilon", "0.1,1.5",
                "--out", tmp.resolve("o")), 2, "--epsilon must be in [0, 1], not 1.5");
        Cli.assertFailsCleanly(Cli.run("attack", "--model", SimulatedModel.model(), "--data", data, "--method", "cw",
                "--out", tmp.resolve("o")), 2, "--method': expected one of fgsm, pgd, substitution, not 'cw'");
        assertThat(tmp.resolve("o")).doesNotExist();
    }
}
