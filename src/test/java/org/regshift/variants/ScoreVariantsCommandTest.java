package org.regshift.variants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import htsjdk.variant.variantcontext.VariantContext;
import htsjdk.variant.vcf.VCFFileReader;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regshift.seq.FastaReader;
import org.regshift.testing.Cli;
import org.regshift.testing.SharprData;

/**
 * {@code regshift score-variants} on Kircher et al. 2019's saturation mutagenesis of the elements
 * measured in HepG2, with a two-member ensemble trained on Sharpr-MPRA HepG2 activity.
 */
class ScoreVariantsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Path VCF = Cli.TEST_DATA.resolve("kircher2019/satmut_variants_elements.vcf.gz");
    static final Path REFERENCE = Cli.TEST_DATA.resolve("kircher2019/satmut_element_regions_GRCh38.fa");
    private static final Set<String> HEPG2 = Set.of("F9", "LDLR", "SORT1");

    @TempDir
    static Path shared;

    static Path model;
    static Path hepg2Vcf;
    static List<String> header;

    @TempDir
    Path tmp;

    @BeforeAll
    static void trainOnSharprAndCutTheHepG2Elements() throws IOException {
        Path qc = Cli.succeed("qc", shared.resolve("qc"), "--counts", SharprData.OLIGOS, "--condition", "hepg2",
                "--split-by", "region_id", "--seed", "1");
        model = Cli.succeed("train", shared.resolve("model"), "--data", qc.resolve("activity.tsv"), "--arch", "cnn-reference",
                "--epochs", "3", "--ensemble", "2", "--seed", "4");
        List<String> lines = vcfLines(VCF);
        header = lines.stream().filter(l -> l.startsWith("#")).toList();
        List<String> kept = new ArrayList<>(header);
        lines.stream().filter(l -> !l.startsWith("#") && HEPG2.contains(l.substring(0, l.indexOf('\t')))).forEach(kept::add);
        hepg2Vcf = shared.resolve("hepg2.vcf");
        Files.write(hepg2Vcf, kept);
    }

    static List<String> vcfLines(Path vcf) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(vcf)),
                StandardCharsets.UTF_8))) {
            return in.lines().toList();
        }
    }

    @Test
    void scoresEveryHepG2AlleleWithMemberEffectsAgreementAndBajwasCategories() throws Exception {
        Path out = Cli.succeed("score-variants", tmp.resolve("scores"), "--model", model, "--vcf", hepg2Vcf, "--reference",
                REFERENCE, "--truth-info", "COEF", "--window", "inside");
        long records = Files.readAllLines(hepg2Vcf).stream().filter(l -> !l.startsWith("#")).count();
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertThat(summary.at("/records").asLong()).isEqualTo(records).isGreaterThan(4000);
        assertThat(summary.at("/alleles_scored").asLong()).isEqualTo(records);
        assertThat(summary.at("/members").asInt()).isEqualTo(2);
        List<String> contigs = new ArrayList<>();
        summary.at("/per_contig").fieldNames().forEachRemaining(contigs::add);
        assertThat(contigs).containsExactly("F9", "LDLR", "SORT1");
        List<Map<String, String>> rows = Cli.table(out.resolve("variants.tsv"));
        assertThat(rows).hasSize((int) records);
        int consistent = 0;
        int zeros = 0;
        Map<String, Integer> categories = new HashMap<>();
        for (Map<String, String> r : rows) {
            categories.merge(r.get("category"), 1, Integer::sum);
            double e1 = Cli.number(r, "effect_1");
            double e2 = Cli.number(r, "effect_2");
            assertThat(Cli.number(r, "effect")).isCloseTo((e1 + e2) / 2, within(1e-5));
            assertThat(Cli.number(r, "effect")).isCloseTo(Cli.number(r, "alt_mean") - Cli.number(r, "ref_mean"), within(1e-5));
            assertThat(Cli.number(r, "effect_sd")).isCloseTo(Math.abs(e1 - e2) / 2, within(1e-5));
            // an effect of exactly 0 is no call: it agrees with neither sign
            boolean agree = e1 != 0 && Math.signum(e1) == Math.signum(e2);
            zeros += (e1 == 0 ? 1 : 0) + (e2 == 0 ? 1 : 0);
            assertThat(r.get("consistent")).isEqualTo(agree ? "1" : "0");
            assertThat(Cli.number(r, "sign_agreement")).isEqualTo(agree ? 1.0 : e1 == 0 && e2 == 0 ? 0 : 0.5);
            consistent += agree ? 1 : 0;
            double y = Cli.number(r, "measured");
            int right = (Math.signum(e1) == Math.signum(y) ? 1 : 0) + (Math.signum(e2) == Math.signum(y) ? 1 : 0);
            int wrong = (Math.signum(e1) == -Math.signum(y) ? 1 : 0) + (Math.signum(e2) == -Math.signum(y) ? 1 : 0);
            assertThat(Cli.number(r, "label_agreement")).isEqualTo(right / 2.0);
            assertThat(r.get("category")).isEqualTo(right == 2 ? "consistently_correct" : wrong == 2 ? "consistently_incorrect"
                    : "inconsistent");
        }
        assertThat(summary.at("/consistent_fraction").asDouble()).isCloseTo((double) consistent / rows.size(), within(1e-9));
        assertThat(zeros).as("member effects of exactly 0 in this fixture").isPositive();
        JsonNode measured = summary.at("/measured");
        for (String category : List.of("consistently_correct", "consistently_incorrect", "inconsistent")) {
            assertThat(measured.at("/" + category).asDouble()).as(category)
                    .isCloseTo(categories.getOrDefault(category, 0) / (double) rows.size(), within(1e-9));
        }
        double[] effect = rows.stream().mapToDouble(r -> Cli.number(r, "effect")).toArray();
        double[] truth = rows.stream().mapToDouble(r -> Cli.number(r, "measured")).toArray();
        assertThat(measured.at("/pearson").asDouble()).isCloseTo(new PearsonsCorrelation().correlation(effect, truth), within(1e-4));

        try (VCFFileReader vcf = new VCFFileReader(out.resolve("variants.vcf.gz"), false)) {
            assertThat(vcf.getFileHeader().getInfoHeaderLine("RS_EFFECT")).isNotNull();
            int i = 0;
            for (VariantContext v : vcf) {
                Map<String, String> r = rows.get(i++);
                assertThat(v.getContig() + ":" + v.getStart() + v.getAlternateAllele(0).getBaseString())
                        .isEqualTo(r.get("chrom") + ":" + r.get("pos") + r.get("alt"));
                assertThat(v.getAttributeAsDouble("RS_EFFECT", Double.NaN)).isCloseTo(Cli.number(r, "effect"), within(1e-3));
                assertThat(v.getAttributeAsString("RS_CATEGORY", "")).isEqualTo(r.get("category"));
                assertThat(v.hasAttribute("RS_CONSISTENT")).isEqualTo(r.get("consistent").equals("1"));
                assertThat(v.getAttributeAsString("EXP", "")).isNotEmpty();
            }
            assertThat(i).isEqualTo(rows.size());
        }
        assertThat(out.resolve("effects.png")).isNotEmptyFile();
        assertThat(JSON.readTree(out.resolve("provenance.json").toFile()).at("/inputs/vcf/sha256").asText())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(hepg2Vcf))));
    }

    @Test
    void refAndAltWindowsPredictAsPredictDoesOnTheSameSequences() throws IOException {
        Path out = Cli.succeed("score-variants", tmp.resolve("scores"), "--model", model, "--vcf", hepg2Vcf, "--reference",
                REFERENCE);
        Map<String, String> elements = FastaReader.readAll(REFERENCE, true);
        List<Map<String, String>> rows = Cli.table(out.resolve("variants.tsv"));
        // an SNV mid-element, a deletion, and an SNV whose window runs past the element's start
        List<Map<String, String>> picked = List.of(
                rows.stream().filter(r -> r.get("chrom").equals("F9") && r.get("pos").equals("150")).findFirst().orElseThrow(),
                rows.stream().filter(r -> r.get("ref").length() == 2).findFirst().orElseThrow(),
                rows.stream().filter(r -> r.get("chrom").equals("LDLR") && r.get("pos").equals("5")).findFirst().orElseThrow());
        StringBuilder fasta = new StringBuilder();
        int length = 145;
        for (int i = 0; i < picked.size(); i++) {
            Map<String, String> r = picked.get(i);
            String element = elements.get(r.get("chrom"));
            int pos = Integer.parseInt(r.get("pos"));
            String padded = "N".repeat(length) + element + "N".repeat(length);
            int start = length + pos - 1 - length / 2; // 0-based in padded: REF's first base at offset 72
            String ref = padded.substring(start, start + length);
            String alt = (padded.substring(start, start + length / 2) + r.get("alt")
                    + padded.substring(start + length / 2 + r.get("ref").length())).substring(0, length);
            fasta.append(">ref").append(i).append('\n').append(ref).append('\n');
            fasta.append(">alt").append(i).append('\n').append(alt).append('\n');
        }
        Path windows = tmp.resolve("windows.fa");
        Files.writeString(windows, fasta);
        Path predictions = tmp.resolve("p.tsv");
        assertThat(Cli.run("predict", "--model", model, "--data", windows, "--out", predictions).exitCode()).isZero();
        Map<String, Double> mean = new HashMap<>();
        for (Map<String, String> p : Cli.table(predictions)) {
            mean.put(p.get("id"), Cli.number(p, "mean"));
        }
        for (int i = 0; i < picked.size(); i++) {
            assertThat(Cli.number(picked.get(i), "ref_mean")).as("ref " + picked.get(i)).isCloseTo(mean.get("ref" + i), within(1e-4));
            assertThat(Cli.number(picked.get(i), "alt_mean")).as("alt " + picked.get(i)).isCloseTo(mean.get("alt" + i), within(1e-4));
        }
    }

    @Test
    void multiAllelicUnsortedAndSymbolicRecordsAreSplitKeptInOrderAndCounted() throws IOException {
        List<Map<String, String>> f9 = Cli.table(Cli.succeed("score-variants", tmp.resolve("all"), "--model", model, "--vcf",
                hepg2Vcf, "--reference", REFERENCE).resolve("variants.tsv"));
        Map<String, Double> single = new HashMap<>();
        f9.forEach(r -> single.put(r.get("chrom") + r.get("pos") + r.get("ref") + ">" + r.get("alt"), Cli.number(r, "effect")));
        List<String> vcf = new ArrayList<>(header.stream().filter(l -> !l.startsWith("#CHROM")).toList());
        vcf.add("##INFO=<ID=AF,Number=A,Type=Float,Description=\"allele frequency\">");
        vcf.add(header.get(header.size() - 1));
        vcf.add("chrF9\t200\tv1\tA\tC,G,T\t.\t.\tAF=0.1,0.2,0.3");
        vcf.add("F9\t100\tv2\tA\t<DEL>\t.\t.\t.");
        vcf.add("F9\t100\tv3\tA\tA[F9:150[\t.\t.\t.");
        vcf.add("F9\t50\tv4\tT\tA,*\t.\t.\tAF=0.5,0.1");
        vcf.add("F9\t60\tv5\tG\t.\t.\t.\t.");
        Path file = tmp.resolve("mixed.vcf");
        Files.write(file, vcf);
        Path out = Cli.succeed("score-variants", tmp.resolve("mixed"), "--model", model, "--vcf", file, "--reference", REFERENCE);
        List<Map<String, String>> rows = Cli.table(out.resolve("variants.tsv"));
        assertThat(rows).extracting(r -> r.get("id") + ":" + r.get("alt")).containsExactly("v1:C", "v1:G", "v1:T", "v4:A");
        for (Map<String, String> r : rows) {
            String key = "F9" + r.get("pos") + r.get("ref") + ">" + r.get("alt");
            if (single.containsKey(key)) {
                assertThat(Cli.number(r, "effect")).as(key).isCloseTo(single.get(key), within(1e-5));
            }
        }
        JsonNode skipped = JSON.readTree(out.resolve("summary.json").toFile()).at("/skipped");
        assertThat(skipped.at("/symbolic_or_structural").asInt()).isEqualTo(3);
        assertThat(skipped.at("/no_alt").asInt()).isEqualTo(1);
        try (VCFFileReader annotated = new VCFFileReader(out.resolve("variants.vcf.gz"), false)) {
            assertThat(annotated.iterator().stream().map(v -> v.getAttributeAsString("AF", ""))).containsExactly("0.1", "0.2", "0.3", "0.5");
        }
    }

    @Test
    void theSameInputGivesTheSameBytes() throws IOException {
        Path a = Cli.succeed("score-variants", tmp.resolve("a"), "--model", model, "--vcf", hepg2Vcf, "--reference", REFERENCE,
                "--truth-info", "COEF");
        Path b = Cli.succeed("score-variants", tmp.resolve("b"), "--model", model, "--vcf", hepg2Vcf, "--reference", REFERENCE,
                "--truth-info", "COEF");
        for (String f : List.of("variants.tsv", "variants.vcf.gz", "summary.json")) {
            assertThat(Files.readAllBytes(a.resolve(f))).as(f).isEqualTo(Files.readAllBytes(b.resolve(f)));
        }
    }
}
