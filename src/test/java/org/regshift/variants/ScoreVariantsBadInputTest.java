package org.regshift.variants;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regshift.testing.Cli;

/** Bad input to score-variants: exit 3 (2 for usage), one line naming the file and line, no output left. */
class ScoreVariantsBadInputTest {
    private static final Path REFERENCE = ScoreVariantsCommandTest.REFERENCE;
    private static final String HEADER = """
            ##fileformat=VCFv4.2
            ##INFO=<ID=COEF,Number=.,Type=Float,Description="measured effect">
            #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO
            """;

    @TempDir
    static Path shared;

    static Path model;

    @TempDir
    Path tmp;

    @BeforeAll
    static void trainATinyModel() throws IOException {
        StringBuilder s = new StringBuilder("id\tsequence\tactivity\tsplit\n");
        String[] bases = {"ACGT", "GGCA", "TTAC", "CAGT"};
        for (int i = 0; i < 60; i++) {
            s.append("s").append(i).append('\t').append(bases[i % 4].repeat(10)).append('\t').append(i % 5).append('\t')
                    .append(i < 48 ? "train" : "validation").append('\n');
        }
        Path table = shared.resolve("t.tsv");
        Files.writeString(table, s);
        model = Cli.succeed("train", shared.resolve("model"), "--data", table, "--epochs", "1", "--arch", "cnn-reference");
    }

    private Path vcf(String records) throws IOException {
        Path f = tmp.resolve("in.vcf");
        Files.writeString(f, HEADER + records);
        return f;
    }

    private Cli.Result score(Path vcf, String... more) {
        Object[] args = {"score-variants", "--model", model, "--vcf", vcf, "--reference", REFERENCE, "--out", tmp.resolve("out")};
        Object[] all = Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return Cli.run(all);
    }

    private void assertFails(Cli.Result r, int exit, String expected) {
        Cli.assertFailsCleanly(r, exit, expected);
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void aContigMissingFromTheReferenceIsAnErrorOrSkippedAndCounted() throws IOException {
        Path v = vcf("F9\t200\t.\tA\tC\t.\t.\t.\nchr9\t10\t.\tA\tC\t.\t.\t.\n");
        assertFails(score(v), 3, "in.vcf line 5: contig chr9 is not in " + REFERENCE + " (with or without 'chr')");
        assertThat(score(v, "--on-ref-mismatch", "skip").exitCode()).isZero();
        assertThat(new ObjectMapper().readTree(tmp.resolve("out/summary.json").toFile()).at("/skipped/missing_contig").asInt())
                .isEqualTo(1);
    }

    @Test
    void aRefThatDisagreesWithTheReferenceIsAnErrorOrSkippedAndCounted() throws IOException {
        Path v = vcf("F9\t200\t.\tG\tC\t.\t.\t.\nF9\t302\t.\tAAA\tA\t.\t.\t.\n");
        assertFails(score(v), 3, "in.vcf line 4: REF G does not match the reference's A at F9:200");
        assertThat(score(v, "--on-ref-mismatch", "skip").exitCode()).isZero();
        assertThat(new ObjectMapper().readTree(tmp.resolve("out/summary.json").toFile()).at("/skipped/ref_mismatch").asInt())
                .isEqualTo(2);
    }

    @Test
    void aSiteWithAThousandAllelesIsScoredAlleleByAllele() throws IOException {
        StringBuilder alts = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            StringBuilder inserted = new StringBuilder("A");
            for (int k = i + 1; k > 0; k /= 4) {
                inserted.append("ACGT".charAt(k % 4));
            }
            alts.append(i == 0 ? "" : ",").append(inserted);
        }
        Path v = vcf("F9\t200\tmany\tA\t" + alts + "\t.\t.\t.\n");
        assertThat(score(v).exitCode()).isZero();
        assertThat(Files.readAllLines(tmp.resolve("out/variants.tsv"))).hasSize(1001);
    }

    @Test
    void aTruncatedGzipIsRefused() throws IOException {
        StringBuilder records = new StringBuilder();
        for (int i = 1; i <= 3000; i++) {
            records.append("F9\t").append(200).append("\tv").append(i).append("\tA\tC\t.\t.\t.\n");
        }
        var bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write((HEADER + records).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Path v = tmp.resolve("cut.vcf.gz");
        Files.write(v, Arrays.copyOf(bytes.toByteArray(), bytes.size() / 2));
        assertFails(score(v), 3, "cut.vcf.gz line ");
        assertThat(score(v).errorLines().get(0)).contains("unexpected end of file (truncated gzip?)");
    }

    @Test
    void aMalformedRecordOrHeaderNamesItsLine() throws IOException {
        assertFails(score(vcf("F9\tten\t.\tA\tC\t.\t.\t.\n")), 3, "in.vcf line 4: not a valid VCF record");
        Path table = tmp.resolve("table.vcf");
        Files.writeString(table, "id\tsequence\nx\tACGT\n");
        assertFails(score(table), 3, "table.vcf: ends before the #CHROM header line: not a VCF");
    }

    @Test
    void aTruthFieldThatIsUndeclaredOrNotANumber() throws IOException {
        Path v = vcf("F9\t200\t.\tA\tC\t.\t.\tCOEF=high\n");
        assertFails(score(v, "--truth-info", "PVAL"), 2, "--truth-info PVAL: " + v + " declares no INFO field PVAL");
        assertFails(score(v, "--truth-info", "COEF"), 3, "in.vcf line 4: INFO COEF value 'high' is not a number");
    }

    @Test
    void modesAndOptionsThatDoNotFit() throws IOException {
        Path v = vcf("F9\t200\t.\tA\tC\t.\t.\t.\n");
        assertFails(Cli.run("score-variants", "--model", model, "--vcf", v, "--out", tmp.resolve("out")), 2,
                "Missing required argument(s): --reference=FASTA");
        assertFails(score(v, "--insert-motif", "MA0114.5"), 2, "Missing required argument(s): --motifs=FILE, --background=FASTA");
        assertFails(score(v, "--window", "left"), 2, "--window': expected one of centre, inside, not 'left'");
        assertFails(score(v, "--on-ref-mismatch", "ignore"), 2, "--on-ref-mismatch': expected one of error, skip, not 'ignore'");
    }

    @Test
    void aMotifThatIsUnknownOrLongerThanTheWindow() throws IOException {
        Path background = tmp.resolve("bg.fa");
        Files.writeString(background, ">a\n" + "ACGT".repeat(10) + "\n");
        Path motifs = tmp.resolve("m.jaspar");
        String row = " 5".repeat(41);
        Files.writeString(motifs, ">LONG1 Long\nA [" + row + " ]\nC [" + row + " ]\nG [" + row + " ]\nT [" + row + " ]\n");
        assertFails(Cli.run("score-variants", "--model", model, "--insert-motif", "NOPE", "--motifs", motifs, "--background",
                background, "--out", tmp.resolve("out")), 2, "--insert-motif NOPE: no motif with this ID or name in");
        assertFails(Cli.run("score-variants", "--model", model, "--insert-motif", "LONG1", "--motifs", motifs, "--background",
                background, "--out", tmp.resolve("out")), 3, "m.jaspar: motif LONG1 is 41 bp, longer than the model's 40 bp window");
    }
}
