package org.regshift.qc;

/** What the count table says about one element, after the barcode filters, per replicate. */
final class ElementCounts {
    final String id;
    final long firstLine;
    final String[] passThrough;
    String sequence;
    /** A FASTA was given but lacks this element (possible only with --allow-missing). */
    boolean missingSequence;
    /** The table's own n_barcodes for an element-level table, else -1. */
    long reportedBarcodes = -1;
    /** Per replicate, the table's normalised RNA / DNA ratio (MPRAflow's per-replicate tables; NaN: not measured), else null. */
    double[] normalisedRatio;
    final int[] kept;
    final long[] dnaSum;
    final long[] rnaSum;

    ElementCounts(String id, long firstLine, String[] passThrough, int replicates) {
        this.id = id;
        this.firstLine = firstLine;
        this.passThrough = passThrough;
        this.kept = new int[replicates];
        this.dnaSum = new long[replicates];
        this.rnaSum = new long[replicates];
    }
}
