package org.regshift.qc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regshift.testing.Cli;
import org.regshift.testing.SharprData;

/** {@code regshift qc} end to end on the real Sharpr-MPRA pilot counts. */
class QcCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void hepg2BarcodeTableReachesTheReplicateCorrelationComputedIndependently() throws Exception {
        Path out = Cli.succeed("qc", tmp.resolve("hepg2"), "--counts", SharprData.BARCODES, "--condition", "hepg2");
        JsonNode qc = JSON.readTree(out.resolve("qc.json").toFile());
        double pearson = qc.at("/replicate_correlation/0/pearson").asDouble();
        assertThat(pearson).isGreaterThanOrEqualTo(0.95).isCloseTo(SharprData.replicatePearson("hepg2"), within(1e-9));
        assertThat(qc.at("/table/level").asText()).isEqualTo("barcode");
        assertThat(qc.at("/replicates/rep1/barcodes").asLong()).isEqualTo(54_000);
        assertThat(qc.at("/replicates/rep1/dna_total").asLong()).isEqualTo(37_021_112L);
        assertThat(qc.at("/replicates/rep2/rna_total").asLong()).isEqualTo(33_529_514L);
        assertThat(qc.at("/elements/total").asInt()).isEqualTo(2250);

        for (String name : List.of("activity.tsv", "dropped.tsv", "qc.tsv", "provenance.json",
                "regshift_qc_replicates_mqc.tsv", "regshift_qc_elements_mqc.json")) {
            assertThat(out.resolve(name)).isNotEmptyFile();
        }
        for (String plot : List.of("replicate_scatter", "activity_histogram", "barcodes_per_element")) {
            assertThat(ImageIO.read(out.resolve(plot + ".png").toFile()).getWidth()).isGreaterThan(100);
            assertThat(Files.readString(out.resolve(plot + ".svg"))).contains("<svg");
        }
        assertThat(out.resolve("gc_vs_activity.png")).doesNotExist();
        List<String> activity = Files.readAllLines(out.resolve("activity.tsv"));
        assertThat(activity.get(0)).startsWith("id\tactivity\tactivity_se\tn_barcodes\tdna_total\trna_total\tsplit")
                .doesNotContain("sequence").doesNotContain("gc");
        assertThat(activity).hasSize(1 + qc.at("/elements/kept").asInt());
        assertThat(Files.readString(out.resolve("qc.tsv"))).contains("replicate_correlation.0.pearson\t");
        assertThat(Files.readString(out.resolve("regshift_qc_replicates_mqc.tsv"))).contains("# plot_type: 'table'")
                .contains("hepg2_rep1\t37021112");
        JsonNode mqc = JSON.readTree(out.resolve("regshift_qc_elements_mqc.json").toFile());
        assertThat(mqc.at("/plot_type").asText()).isEqualTo("bargraph");
        assertThat(mqc.at("/data/hepg2/kept").asInt()).isEqualTo(qc.at("/elements/kept").asInt());

        JsonNode provenance = JSON.readTree(out.resolve("provenance.json").toFile());
        assertThat(provenance.at("/inputs/counts/sha256").asText()).isEqualTo(
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(SharprData.BARCODES))));
        assertThat(provenance.at("/parameters/condition").asText()).isEqualTo("hepg2");
        assertThat(provenance.at("/parameters/min-barcodes").asInt()).isEqualTo(10);
        assertThat(provenance.at("/estimator").asText()).contains("CPM");
        assertThat(provenance.at("/version").asText()).as("the project version of pom.xml").isEqualTo(pomVersion());
    }

    private static String pomVersion() throws IOException {
        Matcher m = Pattern.compile("<artifactId>regshift</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(m.find()).as("pom.xml names the project's version").isTrue();
        return m.group(1);
    }

    @Test
    void k562ReplicatesAgreeFarLessThanHepg2() throws IOException {
        Path out = Cli.succeed("qc", tmp.resolve("k562"), "--counts", SharprData.BARCODES, "--condition", "k562");
        JsonNode qc = JSON.readTree(out.resolve("qc.json").toFile());
        double pearson = qc.at("/replicate_correlation/0/pearson").asDouble();
        assertThat(pearson).isCloseTo(0.74, within(0.03)).isCloseTo(SharprData.replicatePearson("k562"), within(1e-9));
        assertThat(qc.at("/elements/dropped/too_few_barcodes").asInt()).isPositive();
        assertThat(Files.readAllLines(out.resolve("dropped.tsv")))
                .hasSize(1 + qc.at("/elements/dropped/too_few_barcodes").asInt())
                .allMatch(l -> l.equals("id\treason") || l.endsWith("\ttoo_few_barcodes"));
    }

    @Test
    void aSampleNameNamesTheRowsOfTheMultiQcFilesSoTwoLibrariesOfOneConditionStayApart() throws IOException {
        Path out = Cli.succeed("qc", tmp.resolve("named"), "--counts", SharprData.OLIGOS, "--condition", "hepg2",
                "--sample", "library_b");
        assertThat(JSON.readTree(out.resolve("qc.json").toFile()).at("/sample").asText()).isEqualTo("library_b");
        assertThat(Files.readString(out.resolve("regshift_qc_replicates_mqc.tsv"))).contains("\nlibrary_b_rep1\t")
                .doesNotContain("hepg2_rep1");
        assertThat(JSON.readTree(out.resolve("regshift_qc_elements_mqc.json").toFile()).at("/data").fieldNames())
                .toIterable().containsExactly("library_b");
    }

    @Test
    void oligoTableKeepsEveryRegionInsideOneSplit() throws IOException {
        Path out = Cli.succeed("qc", tmp.resolve("oligo"), "--counts", SharprData.OLIGOS, "--condition", "hepg2",
                "--split-by", "region_id");
        List<String> lines = Files.readAllLines(out.resolve("activity.tsv"));
        List<String> header = List.of(lines.get(0).split("\t"));
        assertThat(header).contains("sequence", "gc", "region_id", "activity_rep1", "activity_rep2");
        int region = header.indexOf("region_id");
        int split = header.indexOf("split");
        int sequence = header.indexOf("sequence");
        Map<String, Set<String>> splitsOfRegion = new HashMap<>();
        Map<String, Integer> perSplit = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            splitsOfRegion.computeIfAbsent(f[region], k -> new HashSet<>()).add(f[split]);
            perSplit.merge(f[split], 1, Integer::sum);
            assertThat(f[sequence]).hasSize(145).matches("[ACGT]+");
        }
        assertThat(splitsOfRegion).hasSize(250).allSatisfy((k, v) -> assertThat(v).hasSize(1));
        assertThat(perSplit.get("train")).isBetween(1400, 1750);
        assertThat(perSplit.keySet()).containsExactlyInAnyOrder("train", "valid", "calibration", "test");
        JsonNode qc = JSON.readTree(out.resolve("qc.json").toFile());
        assertThat(qc.at("/table/level").asText()).isEqualTo("element");
        assertThat(qc.at("/replicate_correlation/0/pearson").asDouble()).isGreaterThan(0.95);
        assertThat(qc.at("/sequences/length/median").asDouble()).isEqualTo(145.0);
        assertThat(out.resolve("gc_vs_activity.png")).isNotEmptyFile();
    }

    @Test
    void sameSeedGivesTheSameBytesAndAnotherSeedAnotherSplit() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Path c = tmp.resolve("c");
        for (Object[] run : new Object[][] {{a, 5}, {b, 5}, {c, 6}}) {
            Cli.succeed("qc", (Path) run[0], "--counts", SharprData.OLIGOS, "--condition", "k562", "--split-by", "region_id",
                    "--seed", run[1]);
        }
        for (String name : List.of("activity.tsv", "qc.json", "dropped.tsv", "qc.tsv")) {
            assertThat(Files.readAllBytes(a.resolve(name))).isEqualTo(Files.readAllBytes(b.resolve(name)));
        }
        assertThat(Files.readString(a.resolve("activity.tsv"))).isNotEqualTo(Files.readString(c.resolve("activity.tsv")));
    }
}
