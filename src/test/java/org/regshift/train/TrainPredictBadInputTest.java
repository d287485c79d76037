package org.regshift.train;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regshift.testing.Cli;

/** Bad input to train and predict: exit 3 (2 for usage), one line naming file and line, no output left. */
class TrainPredictBadInputTest {
    @TempDir
    Path tmp;

    private Path table(String text) throws IOException {
        Path f = tmp.resolve("table.tsv");
        StringBuilder s = new StringBuilder("id\tsequence\tactivity\tsplit\n");
        s.append(text);
        Files.writeString(f, s.toString());
        return f;
    }

    private static String rows(int n, int length, String split) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(split).append(i).append('\t').append("ACGT".repeat(length / 4)).append('\t').append(i % 7).append('\t')
                    .append(split).append('\n');
        }
        return s.toString();
    }

    @Test
    void mixedLengthsWithoutSeqLen() throws IOException {
        Path t = table(rows(20, 40, "train") + "x\tACGTACGT\t1\ttrain\n");
        Cli.assertFailsCleanly(Cli.run("train", "--data", t, "--out", tmp.resolve("m")), 3,
                "table.tsv: sequences have lengths 8 to 40; give --seq-len N");
        assertThat(tmp.resolve("m")).doesNotExist();
    }

    @Test
    void targetThatIsNotANumber() throws IOException {
        Path t = table(rows(20, 40, "train") + "x\tACGTACGT\tNaN\ttrain\n");
        Cli.assertFailsCleanly(Cli.run("train", "--data", t, "--out", tmp.resolve("m")), 3,
                "table.tsv line 22: 'NaN' in column 'activity' is not a finite number");
        Path u = table(rows(20, 40, "train") + "x\tACGTACGT\thigh\ttrain\n");
        Cli.assertFailsCleanly(Cli.run("train", "--data", u, "--out", tmp.resolve("m")), 3,
                "table.tsv line 22: 'high' in column 'activity' is not a finite number");
    }

    @Test
    void emptyTrainingSplit() throws IOException {
        Path t = table(rows(30, 40, "test"));
        Cli.assertFailsCleanly(Cli.run("train", "--data", t, "--out", tmp.resolve("m")), 3,
                "too few rows to train on: 0 in the training split");
    }

    @Test
    void missingTargetColumnAndBadOptions() throws IOException {
        Path t = table(rows(20, 40, "train"));
        Cli.assertFailsCleanly(Cli.run("train", "--data", t, "--out", tmp.resolve("m"), "--target-column", "value"), 3,
                "table.tsv line 1: no target column 'value'");
        String[][] usage = {
            {"--arch", "resnet", "unknown architecture 'resnet' (available: cnn, cnn-reference, bilstm, transformer, legnet)"},
            {"--seq-len", "long", "--seq-len must be auto or a whole number"},
            {"--loss", "huber", "--loss': expected one of gaussian-nll, beta-nll, mse, not 'huber'"},
            {"--priors", "dnase", "--priors': expected one of none, gc, motif, motif+gc, not 'dnase'"},
            {"--augment", "rc,flip", "--augment' (LIST): expected one of none, rc, shift, not 'flip'"},
            {"--motifs", t.toString(), "--motifs needs --priors motif or motif+gc"},
            {"--schedule", "cosine", "--schedule': expected one of constant, onecycle, not 'cosine'"},
            {"--max-lr", "0", "--max-lr must be a positive number, not 0.0"},
            {"--weight-decay", "-0.1", "--weight-decay must be 0 or more, not -0.1"},
        };
        for (String[] c : usage) {
            Cli.assertFailsCleanly(Cli.run("train", "--data", t, "--out", tmp.resolve("m"), c[0], c[1]), 2, c[2]);
        }
        assertThat(tmp.resolve("m")).doesNotExist();
    }

    @Test
    void aMotifFileThatDoesNotParse() throws IOException {
        Path t = table(rows(20, 40, "train"));
        Path motifs = tmp.resolve("motifs.txt");
        Files.writeString(motifs, ">MA0001.1 X\nA [ 1 2 3 ]\nC [ 1 2 ]\n");
        Cli.assertFailsCleanly(Cli.run("train", "--data", t, "--out", tmp.resolve("m"), "--priors", "motif",
                "--motifs", motifs), 3, "motifs.txt");
        assertThat(tmp.resolve("m")).doesNotExist();
    }

    @Test
    void zipBundlesThatAreCorruptOrEscapeTheirDirectory() throws IOException {
        Path t = table(rows(20, 40, "train"));
        Path corrupt = tmp.resolve("model.zip");
        Files.writeString(corrupt, "PK\u0003\u0004 truncated");
        Cli.assertFailsCleanly(Cli.run("predict", "--model", corrupt, "--data", t, "--out", tmp.resolve("p.tsv")), 3,
                "model.zip: is not a readable zip archive");
        Path slip = tmp.resolve("slip.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(slip))) {
            zip.putNextEntry(new ZipEntry("../../escaped/model.json"));
            zip.write("{}".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        Cli.assertFailsCleanly(Cli.run("predict", "--model", slip, "--data", t, "--out", tmp.resolve("p.tsv")), 3,
                "slip.zip: has an entry '../../escaped/model.json' that would be written outside the bundle directory");
        assertThat(tmp.getParent().resolve("escaped")).doesNotExist();
        assertThat(tmp.resolve("p.tsv")).doesNotExist();
    }

    @Test
    void bundlesOfAnotherFormatOrVersionAreRefused() throws IOException {
        Path t = table(rows(20, 40, "train"));
        Path notBundle = Files.createDirectories(tmp.resolve("empty"));
        Cli.assertFailsCleanly(Cli.run("predict", "--model", notBundle, "--data", t, "--out", tmp.resolve("p.tsv")), 3,
                "is not a RegShift model bundle (no model.json)");
        Path old = Files.createDirectories(tmp.resolve("old"));
        Files.writeString(old.resolve("model.json"), "{\"format\": \"regshift-model\", \"format_version\": 99}");
        Cli.assertFailsCleanly(Cli.run("predict", "--model", old, "--data", t, "--out", tmp.resolve("p.tsv")), 3,
                "version 99; this RegShift reads regshift-model version 3");
        Files.writeString(old.resolve("model.json"), "{\"format\": \"regshift-model\", \"format_version\": 3, \"members\": "
                + "[{\"file\": \"../../etc/passwd\"}]}");
        Cli.assertFailsCleanly(Cli.run("predict", "--model", old, "--data", t, "--out", tmp.resolve("p.tsv")), 3,
                "names member file '../../etc/passwd', which the bundle lacks");
        Files.writeString(old.resolve("member_0.zip"), "not a zip");
        Files.writeString(old.resolve("model.json"), "{\"format\": \"regshift-model\", \"format_version\": 3, \"members\": "
                + "[{\"file\": \"member_0.zip\"}]}");
        Cli.assertFailsCleanly(Cli.run("predict", "--model", old, "--data", t, "--out", tmp.resolve("p.tsv")), 3,
                "member_0.zip: is not a readable DL4J network");
        assertThat(tmp.resolve("p.tsv")).doesNotExist();
    }
}
