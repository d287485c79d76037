package org.regshift.qc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.regshift.io.InputException;
import org.regshift.io.UsageException;

class CountLayoutDetectorTest {
    private static final List<String> SHARPR = List.of("oligo_id", "barcode", "plasmid_rep1", "plasmid_rep2",
            "hepg2_rna_rep1", "hepg2_rna_rep2", "k562_rna_rep1", "k562_rna_rep2");

    private static CountLayout detect(List<String> header, String condition, List<String> dna, List<String> rna) {
        return new CountLayoutDetector(Path.of("c.tsv"), header)
                .detect(new CountLayoutDetector.Choices(null, null, dna, rna, condition, List.of()));
    }

    @Test
    void sharprColumnsPairByReplicateForTheChosenCondition() {
        CountLayout layout = detect(SHARPR, "K562", List.of(), List.of());
        assertThat(layout.id().name()).isEqualTo("oligo_id");
        assertThat(layout.barcodeLevel()).isTrue();
        assertThat(layout.replicates()).extracting(CountLayout.Replicate::name).containsExactly("rep1", "rep2");
        assertThat(layout.replicates().get(1).dna().name()).isEqualTo("plasmid_rep2");
        assertThat(layout.replicates().get(1).rna().name()).isEqualTo("k562_rna_rep2");
    }

    @Test
    void otherNamingSchemesAreUnderstood() {
        CountLayout layout = detect(List.of("name", "dna_count_1", "rna_count_1", "batch", "n_barcodes"), null, List.of(), List.of());
        assertThat(layout.id().name()).isEqualTo("name");
        assertThat(layout.barcodeLevel()).isFalse();
        assertThat(layout.barcodesPerElement().name()).isEqualTo("n_barcodes");
        assertThat(layout.replicates()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("1");
            assertThat(r.dna().name()).isEqualTo("dna_count_1");
        });
        assertThat(layout.passThrough()).extracting(CountLayout.Column::name).containsExactly("batch");
    }

    @Test
    void explicitColumnsPairByPositionEvenSharingOneDnaLibrary() {
        CountLayout layout = detect(SHARPR, null, List.of("plasmid_rep1", "plasmid_rep1"), List.of("k562_rna_rep1", "k562_rna_rep2"));
        assertThat(layout.replicates()).extracting(r -> r.dna().name()).containsExactly("plasmid_rep1", "plasmid_rep1");
    }

    @Test
    void severalConditionsWithoutAChoiceIsAUsageError() {
        assertThatThrownBy(() -> detect(SHARPR, null, List.of(), List.of())).isInstanceOf(UsageException.class)
                .hasMessageContaining("hepg2, k562");
    }

    @Test
    void explicitColumnsMustExist() {
        assertThatThrownBy(() -> detect(SHARPR, null, List.of("plasmid_rep3"), List.of("k562_rna_rep1")))
                .isInstanceOf(InputException.class).hasMessageStartingWith("c.tsv line 1: no DNA column 'plasmid_rep3'");
    }
}
