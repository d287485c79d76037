package org.regshift.cli;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.regshift.RegShift;
import org.regshift.testing.Cli;

/**
 * The bad-input corpus (src/test/resources/bad-inputs, made by make_corpus.py): each file goes
 * through the step that reads it, as cases.tsv says; the step must exit with the listed code, say
 * one line naming the file and what is wrong (the line or record where there is one), print no
 * stack trace, and leave no output. Steps run in this JVM, as {@code regshift} runs them.
 */
class BadInputCorpusTest {
    static final Path CORPUS = Path.of("src/test/resources/bad-inputs");

    @TempDir
    static Path shared;

    static Path model;
    static Path fasta;
    static Path predictions;
    static Path motifs;
    static Path activity;

    @TempDir
    Path tmp;

    record Case(String path, String command, int exit, String message) {
        @Override
        public String toString() {
            return path;
        }
    }

    static Stream<Case> cases() throws IOException {
        return Files.readAllLines(CORPUS.resolve("cases.tsv")).stream().skip(1).map(l -> l.split("\t"))
                .map(f -> new Case(f[0], f[1], Integer.parseInt(f[2]), f[3]));
    }

    record Run(int exit, String out, List<String> errors) {
    }

    static Run run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = RegShift.execute(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString().lines().toList());
    }

    @BeforeAll
    static void goodCompanions() throws IOException {
        Random random = new Random(1);
        StringBuilder table = new StringBuilder("id\tsequence\tactivity\n");
        StringBuilder fa = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            StringBuilder s = new StringBuilder();
            for (int p = 0; p < 83; p++) {
                s.append("ACGT".charAt(random.nextInt(4)));
            }
            table.append('s').append(i).append('\t').append(s).append('\t').append(random.nextGaussian()).append('\n');
            if (i < 3) {
                fa.append(">s").append(i).append('\n').append(s).append('\n');
            }
        }
        activity = Files.writeString(shared.resolve("activity.tsv"), table);
        fasta = Files.writeString(shared.resolve("good.fa"), fa);
        model = shared.resolve("model");
        Run trained = run(List.of("train", "--data", activity.toString(), "--arch", "cnn-reference", "--epochs", "1",
                "--out", model.toString()));
        assertThat(trained.exit()).as(String.join("\n", trained.errors())).isZero();
        predictions = Files.writeString(shared.resolve("predictions.tsv"), "id\tmean\tvar_total\ty\np1\t1\t1\t1.5\np2\t2\t1\t1.5\n");
        motifs = shared.resolve("motifs.jaspar");
        try (InputStream in = BadInputCorpusTest.class.getResourceAsStream("/org/regshift/motif/default_motifs.jaspar")) {
            Files.copy(in, motifs);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failsCleanlyNamingTheFileAndLeavesNoOutput(Case c) {
        Path out = tmp.resolve("out");
        List<String> args = new ArrayList<>();
        for (String word : c.command().split(" ")) {
            args.add(word.replace("{case}", CORPUS.resolve(c.path()).toString()).replace("{out}", out.toString())
                    .replace("{model}", model.toString()).replace("{fasta}", fasta.toString())
                    .replace("{predictions}", predictions.toString()).replace("{activity}", activity.toString()).replace("{motifs}", motifs.toString())
                    .replace("{reference}", Cli.TEST_DATA.resolve("kircher2019/satmut_element_regions_GRCh38.fa").toString()));
        }
        Run r = run(args);
        assertThat(r.exit()).as(String.join("\n", r.errors())).isEqualTo(c.exit());
        assertThat(r.errors()).hasSize(1);
        assertThat(r.errors().get(0)).contains(c.path()).contains(c.message())
                .doesNotContain("Exception:").doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
        assertThat(out).doesNotExist();
    }
}
