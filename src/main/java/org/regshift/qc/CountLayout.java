package org.regshift.qc;

import java.util.List;

/**
 * Where things are in an MPRA count table: the ID column, the barcode column (present for a
 * barcode-level table), an optional inline sequence column, the DNA/RNA column pair of each
 * replicate, the {@code n_barcodes} column of an element-level table, and the columns that flow
 * through to the outputs. A long table (MPRAsnakeflow's oligo level: one row per element and
 * replicate) names the replicate of each row in {@code replicate}; its replicates then share the
 * DNA and RNA columns. MPRAflow's per-replicate tables ({@code replicateFiles}) are one file per
 * replicate, sharing their column names too; they hold MPRAflow's normalised values, not counts.
 */
public record CountLayout(Column id, Column barcode, Column sequence, Column barcodesPerElement,
                          List<Replicate> replicates, List<Column> passThrough, Column replicate, boolean replicateFiles) {

    /** A column by its index in the header and its name. */
    public record Column(int index, String name) {
    }

    /** One replicate: its name and its DNA and RNA count columns. */
    public record Replicate(String name, Column dna, Column rna) {
    }

    public boolean barcodeLevel() {
        return barcode != null;
    }

    public boolean longTable() {
        return replicate != null;
    }

    public boolean hasSequence() {
        return sequence != null;
    }
}
