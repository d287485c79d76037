package org.regshift.qc;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.regshift.testing.Cli;

/**
 * Bad input to {@code regshift qc}: exit code 3 (2 for usage), one line on stderr naming the file
 * and the line or record, no stack trace, and no output left behind.
 */
class QcBadInputTest {
    private static final String HEADER = "id\tdna_1\tdna_2\trna_1\trna_2\n";
    private static final String GOOD = HEADER + "e1\t10\t12\t20\t22\ne2\t30\t31\t5\t6\n";
    private static final String FASTA = ">e1 first\nACGTACGT\n>e2\nGGCCAATT\n";

    @TempDir
    Path tmp;

    /** One case: the counts text, the FASTA text (or null), extra options, exit code, what the message names. */
    record Case(String name, String counts, String fasta, List<String> options, int exit, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                new Case("no DNA columns", "id\trna_1\trna_2\ne1\t1\t2\n", null, List.of(), 3, "counts.tsv line 1: no DNA count columns"),
                new Case("misspelled ID column", GOOD, null, List.of("--id-column", "oligo"), 3, "counts.tsv line 1: no ID column 'oligo'"),
                new Case("non-integer count", GOOD + "e3\t1.5\t2\t3\t4\n", null, List.of(), 3, "counts.tsv line 4: '1.5' in column 'dna_1'"),
                new Case("negative count", HEADER + "e1\t10\t12\t-4\t22\n", null, List.of(), 3, "counts.tsv line 2: '-4' in column 'rna_1'"),
                new Case("count beyond 2^63", HEADER + "e1\t9223372036854775808\t1\t1\t1\n", null, List.of(), 3,
                        "counts.tsv line 2: count 9223372036854775808 in column 'dna_1' is too large"),
                new Case("ID not in FASTA", GOOD + "e3\t1\t2\t3\t4\n", FASTA, List.of(), 3, "counts.tsv line 4: ID 'e3' is not in"),
                new Case("duplicate ID", GOOD + "e1\t1\t2\t3\t4\n", null, List.of(), 3, "counts.tsv line 4: duplicate ID 'e1' (first at line 2)"),
                new Case("duplicate ID on the next row", GOOD + "e2\t1\t2\t3\t4\n", null, List.of(), 3,
                        "counts.tsv line 4: duplicate ID 'e2' (first at line 3)"),
                new Case("duplicate FASTA ID", GOOD, FASTA + ">e1\nAAAA\n", List.of(), 3, "seqs.fa record 'e1': duplicate ID"),
                new Case("empty FASTA record", GOOD, ">e1\n>e2\nACGT\n", List.of(), 3, "seqs.fa record 'e1': empty sequence"),
                new Case("IUPAC code in FASTA", GOOD, ">e1\nACGT\n>e2\nACRT\n", List.of(), 3,
                        "seqs.fa record 'e2': 'R' at position 3 is not A, C, G, T or N (use --iupac-to-n"),
                new Case("not FASTA", GOOD, "e1 ACGT\n", List.of(), 3, "seqs.fa: not valid FASTA"),
                new Case("empty file", "", null, List.of(), 3, "counts.tsv: is empty"),
                new Case("header only", HEADER, null, List.of(), 3, "counts.tsv line 1: the table has a header but no data rows"),
                new Case("replicates do not pair up", "id\tdna_1\tdna_2\trna_1\trna_3\ne1\t1\t1\t1\t1\n", null, List.of(), 3,
                        "counts.tsv line 1: DNA and RNA replicate columns do not pair up"),
                new Case("short line", GOOD + "e3\t1\t2\t3\n", null, List.of(), 3,
                        "counts.tsv line 4: expected 5 tab-separated fields as in the header, found 4"),
                new Case("unknown condition", "id\tdna_1\thepg2_rna_1\ne1\t1\t1\n", null, List.of("--condition", "k562"), 3,
                        "counts.tsv line 1: no RNA columns for condition 'k562'"),
                new Case("bad split value", "id\tdna_1\trna_1\tfold\ne1\t1\t1\ttraining\n", null, List.of("--split-column", "fold"), 3,
                        "counts.tsv line 2: split 'training' in column 'fold'"),
                new Case("invalid inline sequence", "id\tsequence\tdna_1\trna_1\ne1\tAC-GT\t1\t1\n", null, List.of(), 3,
                        "counts.tsv line 2: sequence in column 'sequence': '-' at position 3"),
                new Case("several conditions, none chosen", "id\tdna_1\thepg2_rna_1\tk562_rna_1\ne1\t1\t1\t1\n", null, List.of(), 2,
                        "holds RNA counts for several conditions (hepg2, k562): choose one with --condition"),
                new Case("fractions not summing to 1", GOOD, null, List.of("--split-fractions", "0.5,0.1,0.1,0.1"), 2, "sum to"),
                new Case("unknown outlier rule", GOOD, null, List.of("--outlier", "iqr"), 2, "--outlier"),
                new Case("split-by with split-column", GOOD, null, List.of("--split-by", "a", "--split-column", "b"), 2,
                        "exclude each other"),
                new Case("unpaired explicit columns", GOOD, null, List.of("--dna-columns", "dna_1,dna_2", "--rna-columns", "rna_1"), 2,
                        "they pair up by position"),
                new Case("controls not a regular expression", GOOD, null, List.of("--controls", "ctrl_("), 2,
                        "--controls 'ctrl_(' is not a regular expression"),
                new Case("no control in the table", GOOD, null, List.of("--controls", "^ctrl_"), 2,
                        "--controls '^ctrl_': no element ID in"),
                new Case("no control measured", GOOD + "ctrl_1\t0\t0\t0\t0\n", null, List.of("--controls", "^ctrl_"), 3,
                        "counts.tsv: none of the 1 control elements matching '^ctrl_' passed the filters"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputFailsCleanly(Case c) throws IOException {
        Path counts = tmp.resolve("counts.tsv");
        Files.writeString(counts, c.counts());
        List<Object> args = new ArrayList<>(List.of("qc", "--counts", counts, "--out", tmp.resolve("out")));
        if (c.fasta() != null) {
            Path fasta = tmp.resolve("seqs.fa");
            Files.writeString(fasta, c.fasta());
            args.addAll(List.of("--fasta", fasta));
        }
        args.addAll(c.options());
        Cli.assertFailsCleanly(Cli.run(args.toArray()), c.exit(), c.expected());
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void truncatedGzipNamesTheLineWhereItStops() throws IOException {
        StringBuilder table = new StringBuilder("id\tbarcode\tdna_1\trna_1\n");
        for (int i = 0; i < 20_000; i++) {
            table.append("e").append(i / 20).append("\tBC").append(i).append('\t').append(i % 50).append('\t').append(i % 7).append('\n');
        }
        byte[] gz = gzip(table.toString());
        Path counts = tmp.resolve("counts.tsv.gz");
        Files.write(counts, Arrays.copyOf(gz, gz.length / 2));
        Cli.assertFailsCleanly(Cli.run("qc", "--counts", counts, "--out", tmp.resolve("out")), 3,
                "counts.tsv.gz line ");
        assertThat(Cli.run("qc", "--counts", counts, "--out", tmp.resolve("out")).stderr()).contains("truncated");
    }

    @Test
    void failureLeavesAnExistingOutputDirectoryAsItWas() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("existing"));
        Files.writeString(out.resolve("notes.txt"), "mine");
        Path counts = tmp.resolve("counts.tsv");
        Files.writeString(counts, HEADER + "e1\tx\t1\t1\t1\n");
        Cli.Result r = Cli.run("qc", "--counts", counts, "--out", out);
        assertThat(r.exitCode()).isEqualTo(3);
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("notes.txt");
        }
    }

    private static byte[] gzip(String text) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
