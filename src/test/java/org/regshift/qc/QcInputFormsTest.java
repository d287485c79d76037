package org.regshift.qc;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regshift.seq.FastaWriter;
import org.regshift.seq.SeqRecord;
import org.regshift.testing.Cli;
import org.regshift.testing.SharprData;

/** The same data in the forms users have it gives the same activities. */
class QcInputFormsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path qc(String name, Object... options) {
        return Cli.succeed("qc", tmp.resolve(name), options);
    }

    @Test
    void ungroupedAndCrlfBarcodeTablesGiveTheSameActivities() throws IOException {
        List<String> lines = new ArrayList<>(readGz(SharprData.BARCODES));
        String header = lines.remove(0);
        Collections.shuffle(lines, new Random(1));
        Path shuffled = tmp.resolve("shuffled.tsv");
        Files.writeString(shuffled, header + "\r\n" + String.join("\r\n", lines) + "\r\n");

        Path grouped = qc("grouped", "--counts", SharprData.BARCODES, "--condition", "hepg2");
        Path ungrouped = qc("ungrouped", "--counts", shuffled, "--condition", "hepg2");
        assertThat(Files.readAllLines(ungrouped.resolve("activity.tsv")))
                .containsExactlyInAnyOrderElementsOf(Files.readAllLines(grouped.resolve("activity.tsv")));
        assertThat(JSON.readTree(ungrouped.resolve("qc.json").toFile()).at("/table/grouped_by_element").asBoolean()).isFalse();
    }

    @Test
    void sequencesFromBgzipFastaMatchTheInlineColumnAndMissingOnesCanBeDropped() throws IOException {
        List<String> oligos = Files.readAllLines(SharprData.OLIGOS);
        List<String> header = List.of(oligos.get(0).split("\t"));
        Path fasta = tmp.resolve("oligos.fa.gz");
        try (FastaWriter w = new FastaWriter(fasta)) {
            for (String line : oligos.subList(1, oligos.size() - 10)) {
                String[] f = line.split("\t");
                w.write(new SeqRecord(f[0], f[header.indexOf("sequence")].toLowerCase(java.util.Locale.ROOT)));
            }
        }
        Path inline = qc("inline", "--counts", SharprData.OLIGOS, "--condition", "hepg2");
        Path fromFasta = qc("fasta", "--counts", SharprData.OLIGOS, "--condition", "hepg2", "--fasta", fasta, "--allow-missing");
        List<String> a = withoutSplit(inline.resolve("activity.tsv"));
        List<String> b = withoutSplit(fromFasta.resolve("activity.tsv"));
        assertThat(b).hasSize(a.size() - 10).isSubsetOf(a);
        JsonNode qc = JSON.readTree(fromFasta.resolve("qc.json").toFile());
        assertThat(qc.at("/elements/dropped/missing_sequence").asInt()).isEqualTo(10);
        assertThat(qc.at("/sequences/missing_sequence").asInt()).isEqualTo(10);
    }

    @Test
    void explicitColumnsAndMinimaOfZeroUseThePseudocount() throws IOException {
        Path out = qc("explicit", "--counts", SharprData.OLIGOS, "--dna-columns", "plasmid_rep1,plasmid_rep2",
                "--rna-columns", "k562_rna_rep1,k562_rna_rep2", "--min-dna-count", "0", "--min-rna-count", "0");
        JsonNode qc = JSON.readTree(out.resolve("qc.json").toFile());
        assertThat(qc.at("/filters/dna_pseudocount").asInt()).isEqualTo(1);
        assertThat(qc.at("/elements/kept").asInt()).isEqualTo(2250);
        // the element-level table with +1 pseudocounts: the replicate correlation PROVENANCE.md reports
        assertThat(qc.at("/replicate_correlation/0/pearson").asDouble()).isBetween(0.73, 0.74);
    }

    /**
     * The Sharpr pilot's HepG2 counts as MPRAsnakeflow writes its barcode table
     * ({@code reporter_experiment.barcode.*.tsv.gz}: barcode, oligo_name, dna_count_<rep>,
     * rna_count_<rep>, a cell left empty where the barcode was not observed in that replicate).
     */
    private Path snakeflowBarcodeTable() throws IOException {
        List<String> lines = readGz(SharprData.BARCODES);
        StringBuilder out = new StringBuilder("barcode\toligo_name\tdna_count_1\trna_count_1\tdna_count_2\trna_count_2\n");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            out.append(f[1]).append('\t').append(f[0]);
            for (int column : new int[] {2, 4, 3, 5}) { // plasmid_rep1, hepg2_rna_rep1, plasmid_rep2, hepg2_rna_rep2
                out.append('\t').append(f[column].equals("0") ? "" : f[column]);
            }
            out.append('\n');
        }
        Path table = tmp.resolve("reporter_experiment.barcode.HepG2.default.tsv");
        Files.writeString(table, out);
        return table;
    }

    /** {replicate: {oligo: {dna, rna, barcodes}}} summed from the Sharpr pilot's HepG2 barcode counts. */
    private static java.util.Map<String, java.util.Map<String, long[]>> oligoSums() throws IOException {
        java.util.Map<String, java.util.Map<String, long[]>> sums = new java.util.LinkedHashMap<>();
        List<String> lines = readGz(SharprData.BARCODES);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            for (int rep = 1; rep <= 2; rep++) {
                long[] s = sums.computeIfAbsent(String.valueOf(rep), k -> new java.util.LinkedHashMap<>())
                        .computeIfAbsent(f[0], k -> new long[3]);
                s[0] += Long.parseLong(f[1 + rep]);
                s[1] += Long.parseLong(f[3 + rep]);
                s[2] += Long.parseLong(f[1 + rep]) > 0 ? 1 : 0;
            }
        }
        return sums;
    }

    @Test
    void mprasnakeflowBarcodeTableWithEmptyCellsGivesTheActivitiesOfTheNativeLayout() throws IOException {
        Path table = snakeflowBarcodeTable();
        Path native_ = qc("native", "--counts", SharprData.BARCODES, "--condition", "hepg2");
        Path snakeflow = qc("snakeflow", "--counts", table);
        assertThat(activities(snakeflow)).isEqualTo(activities(native_));
        JsonNode qc = JSON.readTree(snakeflow.resolve("qc.json").toFile());
        assertThat(qc.at("/replicate_correlation/0/pearson").asDouble()).isCloseTo(SharprData.replicatePearson("hepg2"),
                org.assertj.core.api.Assertions.within(1e-9)).isCloseTo(0.958, org.assertj.core.api.Assertions.within(0.0005));
        long empty1 = Files.readAllLines(table).stream().skip(1).filter(l -> l.split("\t", -1)[2].isEmpty()).count()
                + Files.readAllLines(table).stream().skip(1).filter(l -> l.split("\t", -1)[3].isEmpty()).count();
        assertThat(qc.at("/replicates/1/unobserved_counts").asLong()).isEqualTo(empty1).isPositive();
    }

    @Test
    void mprasnakeflowLongOligoTableGivesTheActivitiesOfTheSameCountsInTheWideLayout() throws IOException {
        var sums = oligoSums();
        StringBuilder long_ = new StringBuilder(
                "replicate\toligo_name\tdna_counts\trna_counts\tdna_normalized\trna_normalized\tlog2FoldChange\tn_bc\n");
        sums.forEach((rep, oligos) -> oligos.forEach((oligo, c) -> long_.append(rep).append('\t').append(oligo).append('\t')
                .append(c[0]).append('\t').append(c[1]).append("\t1.5\t2.5\t0.737\t").append(c[2]).append('\n')));
        StringBuilder wide = new StringBuilder("oligo_name\tdna_1\trna_1\tdna_2\trna_2\tn_barcodes\n");
        sums.get("1").forEach((oligo, c1) -> {
            long[] c2 = sums.get("2").get(oligo);
            wide.append(oligo).append('\t').append(c1[0]).append('\t').append(c1[1]).append('\t').append(c2[0]).append('\t')
                    .append(c2[1]).append('\t').append(Math.min(c1[2], c2[2])).append('\n');
        });
        Path longTable = tmp.resolve("HepG2.oligo.tsv");
        Files.writeString(longTable, long_);
        Path wideTable = tmp.resolve("wide.tsv");
        Files.writeString(wideTable, wide);
        Path fromLong = qc("long", "--counts", longTable);
        assertThat(activities(fromLong)).isEqualTo(activities(qc("wide", "--counts", wideTable))).hasSize(2250);
        JsonNode replicate2 = JSON.readTree(fromLong.resolve("qc.json").toFile()).at("/table/replicates/1");
        assertThat(replicate2.at("/name").asText()).isEqualTo("2");
        assertThat(replicate2.at("/dna_column").asText()).isEqualTo("dna_counts");

        List<String> lines = Files.readAllLines(longTable);
        Path missing = tmp.resolve("missing.tsv");
        Files.write(missing, lines.stream().filter(l -> !l.startsWith("2\thigh_0_1\t")).toList());
        Cli.assertFailsCleanly(Cli.run("qc", "--counts", missing, "--out", tmp.resolve("bad")), 3,
                "missing.tsv line 3: element 'high_0_1' has no row for replicate '2'; a long table has one row per element "
                        + "and replicate");
        Path twice = tmp.resolve("twice.tsv");
        List<String> doubled = new ArrayList<>(lines);
        doubled.add(lines.get(5));
        Files.write(twice, doubled);
        Cli.assertFailsCleanly(Cli.run("qc", "--counts", twice, "--out", tmp.resolve("bad")), 3,
                "twice.tsv line " + doubled.size() + ": a second row for element");
        Path normalised = tmp.resolve("normalised.tsv");
        Files.write(normalised, lines.stream().map(l -> {
            String[] f = l.split("\t");
            return String.join("\t", f[1], f[4], f[5]);
        }).toList());
        Cli.assertFailsCleanly(Cli.run("qc", "--counts", normalised, "--out", tmp.resolve("bad")), 3,
                "normalised.tsv line 1: only normalised values (dna_normalized, rna_normalized), no DNA and RNA counts");
        assertThat(tmp.resolve("bad")).doesNotExist();
    }

    /**
     * MPRAflow's per-replicate tables as its merge_label.py writes them from the same counts:
     * {@code (sum + 1) / (barcodes + 1) / replicate total * 10^6} for DNA and RNA, a no_BC row, n_obs_bc
     * as a float. Their activity is MPRAflow's log2 ratio; against the native layout of the
     * pseudocounted counts it differs only by the replicates' normalisation constants.
     */
    @Test
    void mpraflowPerReplicateTablesGiveMpraflowsActivitiesAndTheNativeOnesUpToAConstant() throws IOException {
        var sums = oligoSums();
        java.util.Map<String, Double> expected = new java.util.HashMap<>();
        List<Path> files = new ArrayList<>();
        for (var rep : sums.entrySet()) {
            double dnaTotal = rep.getValue().values().stream().mapToLong(c -> c[0]).sum() + 17;
            double rnaTotal = rep.getValue().values().stream().mapToLong(c -> c[1]).sum() + 23;
            StringBuilder t = new StringBuilder("name\tdna_count\trna_count\tn_obs_bc\tratio\tlog2\n");
            t.append("no_BC\t1.5\t2.5\t40.0\t1.6\t0.7\n");
            rep.getValue().forEach((oligo, c) -> {
                double dna = (c[0] + 1.0) / (c[2] + 1) / dnaTotal * 1e6;
                double rna = (c[1] + 1.0) / (c[2] + 1) / rnaTotal * 1e6;
                double log2 = Math.log(rna / dna) / Math.log(2);
                t.append(oligo).append('\t').append(dna).append('\t').append(rna).append('\t').append((double) c[2])
                        .append('\t').append(rna / dna).append('\t').append(log2).append('\n');
                expected.merge(oligo, log2 / sums.size(), Double::sum);
            });
            Path file = tmp.resolve("HepG2_" + rep.getKey() + "_counts.tsv");
            Files.writeString(file, t);
            files.add(file);
        }
        StringBuilder wide = new StringBuilder("oligo_name\tdna_1\trna_1\tdna_2\trna_2\n");
        sums.get("1").forEach((oligo, c1) -> {
            long[] c2 = sums.get("2").get(oligo);
            wide.append(oligo).append('\t').append(c1[0] + 1).append('\t').append(c1[1] + 1).append('\t').append(c2[0] + 1)
                    .append('\t').append(c2[1] + 1).append('\n');
        });
        Path wideTable = tmp.resolve("wide.tsv");
        Files.writeString(wideTable, wide);

        var mpraflow = analysed(files);
        var native_ = analysed(List.of(wideTable));
        assertThat(mpraflow).hasSizeGreaterThan(2000).doesNotContainKey("no_BC");
        double offset = mpraflow.get("high_0_1") - native_.get("high_0_1");
        mpraflow.forEach((id, a) -> {
            assertThat(a).as(id).isCloseTo(expected.get(id), org.assertj.core.api.Assertions.within(1e-9));
            assertThat(a - native_.get(id)).as(id).isCloseTo(offset, org.assertj.core.api.Assertions.within(1e-9));
        });
        Path out = qc("mpraflow", "--counts", files.get(0) + "," + files.get(1), "--min-barcodes", "1");
        assertThat(activities(out)).hasSameSizeAs(mpraflow);
        JsonNode qc = JSON.readTree(out.resolve("qc.json").toFile());
        assertThat(qc.at("/sample").asText()).isEqualTo("HepG2");
        assertThat(qc.at("/table/level").asText()).isEqualTo("mpraflow_replicates");
        assertThat(qc.at("/table/replicates/1/name").asText()).isEqualTo("2");
        assertThat(Cli.table(out.resolve("activity.tsv")).get(0).get("dna_total")).isEqualTo("NA");

        List<String> lines = Files.readAllLines(files.get(1));
        Path twice = tmp.resolve("HepG2_3_counts.tsv");
        Files.write(twice, java.util.stream.Stream.concat(lines.stream(), java.util.stream.Stream.of(lines.get(4))).toList());
        Cli.assertFailsCleanly(Cli.run("qc", "--counts", files.get(0) + "," + twice, "--out", tmp.resolve("bad")), 3,
                "HepG2_3_counts.tsv line " + (lines.size() + 1) + ": duplicate ID '" + lines.get(4).split("\t")[0]
                        + "' (first at line 5)");
        Cli.assertFailsCleanly(Cli.run("qc", "--counts", files.get(0) + "," + wideTable, "--out", tmp.resolve("bad")), 3,
                "wide.tsv line 1: no column 'name'");
        Cli.assertFailsCleanly(Cli.run("qc", "--counts", wideTable + "," + files.get(0), "--out", tmp.resolve("bad")), 2,
                "several --counts files are read as MPRAflow's per-replicate tables");
        assertThat(tmp.resolve("bad")).doesNotExist();
    }

    /** id -> activity of the kept elements, as qc computes them (before they are written with 7 digits). */
    private static java.util.Map<String, Double> analysed(List<Path> counts) {
        CountLayoutDetector.Choices columns = new CountLayoutDetector.Choices(null, null, List.of(), List.of(), null, List.of());
        QcRequest request = new QcRequest(counts, null, columns, new QcParameters(1, 1, OutlierRule.NONE, 3, 1, null), false,
                false, null, null, new double[] {0.7, 0.1, 0.1, 0.1}, 1, null, null);
        java.util.Map<String, Double> activity = new java.util.HashMap<>();
        QcService.analyse(request, rows -> { }).activities().stream().filter(ElementActivity::kept)
                .forEach(a -> activity.put(a.counts().id, a.activity()));
        return activity;
    }

    /** id -> activity of a qc output. */
    private static java.util.Map<String, String> activities(Path out) throws IOException {
        java.util.Map<String, String> activity = new java.util.TreeMap<>();
        for (var row : Cli.table(out.resolve("activity.tsv"))) {
            activity.put(row.get("id"), row.get("activity"));
        }
        return activity;
    }

    /** The table's lines without its split column (splits depend on which elements are kept). */
    private static List<String> withoutSplit(Path table) throws IOException {
        List<String> lines = Files.readAllLines(table);
        int split = List.of(lines.get(0).split("\t")).indexOf("split");
        return lines.stream().map(l -> {
            List<String> f = new ArrayList<>(List.of(l.split("\t")));
            f.remove(split);
            return String.join("\t", f);
        }).toList();
    }

    private static List<String> readGz(Path file) throws IOException {
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        }
    }
}
