package org.regshift.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.regshift.testing.Cli;

/** Bad parameters to {@code regshift simulate}: exit 2 (usage) or 3 (bad motif file), one line, no output. */
class SimulateBadInputTest {
    private static final String LONG_MOTIF = ">M1 long\nA [" + " 5".repeat(30) + " ]\nC [" + " 1".repeat(30)
            + " ]\nG [" + " 1".repeat(30) + " ]\nT [" + " 1".repeat(30) + " ]\n";

    @TempDir
    Path tmp;

    record Case(String name, String motifs, List<String> options, int exit, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                new Case("negative n", null, List.of("--n", "-5"), 2, "--n must be at least 1"),
                new Case("severity out of range", null, List.of("--scenario", "gc_shift", "--severity", "0.5"), 2,
                        "severity 0.5 is outside [-0.3, 0.3] for scenario gc_shift"),
                new Case("unknown scenario", null, List.of("--scenario", "tornado"), 2, "expected one of reference, gc_shift, motif_rewiring, pwm_perturbation, cell_type, depth_shift, batch_shift, heteroscedastic_noise, not 'tornado'"),
                new Case("suite with a scenario", null, List.of("--suite", "--scenario", "gc_shift"), 2, "--suite simulates every scenario"),
                new Case("unknown suite library", null, List.of("--suite", "--libraries", "gc_shift_extreme"), 2,
                        "the suite has no library 'gc_shift_extreme'"),
                new Case("libraries without suite", null, List.of("--libraries", "train"), 2, "--libraries needs --suite"),
                new Case("unknown level", null, List.of("--level", "cell"), 2, "--level': expected one of element, barcode, not 'cell'"),
                new Case("cell type shift with one cell type", null, List.of("--scenario", "cell_type", "--cell-types", "1"), 2,
                        "needs --cell-types 2"),
                new Case("motif longer than the sequence", LONG_MOTIF, List.of("--length", "20"), 2,
                        "motif M1 (30 bp) is longer than --length 20"),
                new Case("motif file that does not parse", "MOTIF\tnothing here\n", List.of(), 3, "motifs.txt line 1"),
                new Case("motif file with text counts", ">M1 x\nA [ 1 one ]\nC [ 1 1 ]\nG [ 1 1 ]\nT [ 1 1 ]\n", List.of(), 3,
                        "motifs.txt line 2: 'one' is not a non-negative number"),
                new Case("missing motif file", "", List.of("--motifs", "/nonexistent/motifs.jaspar"), 3,
                        "/nonexistent/motifs.jaspar: no such file"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badParametersFailCleanly(Case c) throws IOException {
        List<Object> args = new ArrayList<>(List.of("simulate", "--out", tmp.resolve("out")));
        if (!c.options().contains("--n")) {
            args.addAll(List.of("--n", "50"));
        }
        if (c.motifs() != null && !c.motifs().isEmpty()) {
            Path motifs = tmp.resolve("motifs.txt");
            Files.writeString(motifs, c.motifs());
            args.addAll(List.of("--motifs", motifs));
        }
        args.addAll(c.options());
        Cli.assertFailsCleanly(Cli.run(args.toArray()), c.exit(), c.expected());
        assertThat(tmp.resolve("out")).doesNotExist();
    }
}
