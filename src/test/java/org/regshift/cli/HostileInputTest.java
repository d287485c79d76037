package org.regshift.cli;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regshift.testing.Cli;
import org.regshift.testing.SimulatedModel;

/**
 * Large and hostile inputs, each in a JVM with 1 GiB of heap: refused with one clear line (or, for
 * a long but legitimate line, read), never an OutOfMemoryError. The malformed small cases (counts of
 * 2^63, zip slip, a 10 GB declared bundle entry) are in the bad-input corpus; a VCF site with 1,000
 * alleles is in {@code ScoreVariantsBadInputTest}.
 */
class HostileInputTest {
    private static final byte[] LINE = "ACGTTGCAAGCTTAGCCGATAGGCTAACGTTAGCATCGATCGGATCCATGCAAGTCGATCGA\n"
            .getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path tmp;

    @Test
    void aFastaRecordOf100MbpIsRefusedBeforeItFillsMemory() throws IOException {
        Path fasta = tmp.resolve("chr1.fa");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(fasta), 1 << 20)) {
            out.write(">chr1 a whole chromosome\n".getBytes(StandardCharsets.US_ASCII));
            for (long written = 0; written < 100_000_000L; written += LINE.length - 1) {
                out.write(LINE);
            }
        }
        Cli.assertFailsCleanly(Cli.run("predict", "--model", SimulatedModel.model(), "--data", fasta, "--out",
                tmp.resolve("p.tsv")), 3, "chr1.fa record 'chr1': sequence is longer than 1,000,000 bp");
        assertThat(tmp.resolve("p.tsv")).doesNotExist();
    }

    @Test
    void aTableLineOf10MbIsReadAndA10MbSequenceInItIsRefused() throws IOException {
        String note = "x".repeat(10_000_000);
        Path counts = Files.writeString(tmp.resolve("counts.tsv"), "id\tdna_1\trna_1\tnote\ne1\t10\t20\t" + note
                + "\ne2\t30\t5\tshort\n");
        Path qc = Cli.succeed("qc", tmp.resolve("qc"), "--counts", counts, "--keep-columns", "note");
        assertThat(Files.size(qc.resolve("activity.tsv"))).isGreaterThan(10_000_000);
        Path table = Files.writeString(tmp.resolve("long.tsv"), "id\tsequence\ns1\t" + "ACGT".repeat(2_500_000) + "\n");
        Cli.assertFailsCleanly(Cli.run("predict", "--model", SimulatedModel.model(), "--data", table, "--out",
                tmp.resolve("p.tsv")), 3, "long.tsv line 2: sequence is longer than 1,000,000 bp");
    }

    @Test
    void gzipBombsAreRefusedByTheLineAndRecordLimits() throws IOException {
        Path table = bomb("bomb.tsv.gz", new byte[0]);
        Cli.assertFailsCleanly(Cli.run("qc", "--counts", table, "--out", tmp.resolve("q")), 3,
                "bomb.tsv.gz line 1: line is longer than 64 MiB");
        Path fasta = bomb("bomb.fa.gz", ">x\n".getBytes(StandardCharsets.US_ASCII));
        Cli.assertFailsCleanly(Cli.run("predict", "--model", SimulatedModel.model(), "--data", fasta, "--out",
                tmp.resolve("p.tsv")), 3, "bomb.fa.gz record 'x': sequence is longer than 1,000,000 bp");
        Path vcf = bomb("bomb.vcf.gz", "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\nF9\t"
                .getBytes(StandardCharsets.US_ASCII));
        Cli.assertFailsCleanly(Cli.run("score-variants", "--model", SimulatedModel.model(), "--vcf", vcf, "--reference",
                Cli.TEST_DATA.resolve("kircher2019/satmut_element_regions_GRCh38.fa"), "--out", tmp.resolve("v")), 3,
                "bomb.vcf.gz line 3: line is longer than 64 MiB");
        assertThat(tmp.resolve("q")).doesNotExist();
        assertThat(tmp.resolve("p.tsv")).doesNotExist();
        assertThat(tmp.resolve("v")).doesNotExist();
    }

    /** About 1 MB on disk that inflates to 1 GiB of zero bytes after {@code head}. */
    private Path bomb(String name, byte[] head) throws IOException {
        Path file = tmp.resolve(name);
        byte[] zeros = new byte[1 << 20];
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(head);
            for (int i = 0; i < 1024; i++) {
                out.write(zeros);
            }
        }
        assertThat(Files.size(file)).isLessThan(2_000_000);
        return file;
    }
}
