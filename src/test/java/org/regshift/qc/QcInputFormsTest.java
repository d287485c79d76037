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
