package org.regshift.simulate;

import static org.assertj.core.api.Assertions.assertThat;
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
import org.regshift.testing.Cli;

/**
 * Negative controls shared by the libraries of a suite ({@code simulate --controls}) and activities
 * normalised to them ({@code qc --controls}): the library-wide offset that each library's own
 * totals leave is gone.
 */
class ControlsTest {
    private static final String LIBRARIES = "train,gc_shift_severe";

    @TempDir
    static Path dir;

    static Path with;
    static Path without;

    @BeforeAll
    static void simulate() {
        Object[] options = {"--suite", "--seed", "11", "--n", "2000", "--test-n", "2500", "--libraries", LIBRARIES};
        without = Cli.succeed("simulate", dir.resolve("without"), options);
        with = Cli.succeed("simulate", dir.resolve("with"), concat(options, "--controls", "60"));
    }

    @Test
    void everyLibraryHoldsTheSameControlsAfterItsUnchangedElements() throws IOException {
        Map<String, String> trainControls = controls(with.resolve("train"));
        assertThat(trainControls).hasSize(60).containsKey("control_000001").containsKey("control_000060");
        assertThat(controls(with.resolve("gc_shift_severe"))).isEqualTo(trainControls);
        for (String lib : LIBRARIES.split(",")) {
            List<String> truth = Files.readAllLines(with.resolve(lib).resolve("truth.tsv"));
            List<String> designed = truth.stream().filter(l -> !l.startsWith("control_")).toList();
            assertThat(designed).isEqualTo(Files.readAllLines(without.resolve(lib).resolve("truth.tsv")));
            assertThat(truth.stream().filter(l -> l.startsWith("control_"))).allMatch(l -> l.split("\t")[5].equals("0"));
        }
    }

    @Test
    void normalisingToTheControlsRemovesTheLibraryOffset() throws IOException {
        double plain = offset(with, "gc_shift_severe", false) - offset(with, "train", false);
        double normalised = offset(with, "gc_shift_severe", true) - offset(with, "train", true);
        assertThat(Math.abs(plain)).as("offset left by each library's totals").isGreaterThan(0.3);
        assertThat(Math.abs(normalised)).as("offset after normalising to the controls").isLessThan(0.1);

        Path qc = dir.resolve("qc_train_controls");
        JsonNode json = new ObjectMapper().readTree(qc.resolve("qc.json").toFile());
        assertThat(json.at("/controls/pattern").asText()).isEqualTo("^control_");
        assertThat(json.at("/controls/controls").asInt()).isEqualTo(60);
        assertThat(json.at("/controls/measured").asInt()).isBetween(50, 60);
        assertThat(json.at("/controls/medians").size()).isEqualTo(2);
        assertThat(json.at("/elements/dropped/control").asInt()).isEqualTo(60);
        assertThat(Cli.table(qc.resolve("activity.tsv"))).noneMatch(r -> r.get("id").startsWith("control_"));
    }

    /** mean(qc activity - true activity) over a library's designed elements, normalised to the controls or not. */
    private static double offset(Path suite, String library, boolean controls) throws IOException {
        Path lib = suite.resolve(library);
        Path out = dir.resolve("qc_" + library + (controls ? "_controls" : ""));
        if (!Files.exists(out)) {
            Object[] options = {"--counts", lib.resolve("counts.tsv.gz"), "--condition", "ct1", "--min-barcodes", "1"};
            Cli.succeed("qc", out, controls ? concat(options, "--controls", "^control_") : options);
        }
        Map<String, Double> truth = new java.util.HashMap<>();
        Cli.table(lib.resolve("truth.tsv")).forEach(r -> truth.put(r.get("id"), Cli.number(r, "activity_ct1")));
        return Cli.table(out.resolve("activity.tsv")).stream().filter(r -> !r.get("id").startsWith("control_"))
                .mapToDouble(r -> Cli.number(r, "activity") - truth.get(r.get("id"))).average().orElseThrow();
    }

    private static Map<String, String> controls(Path library) {
        Map<String, String> controls = new java.util.TreeMap<>(FastaReader.readAll(library.resolve("sequences.fa.gz"), false));
        controls.keySet().removeIf(id -> !id.startsWith("control_"));
        return controls;
    }

    private static Object[] concat(Object[] a, Object... b) {
        Object[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
