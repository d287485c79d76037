package org.regshift.qc;

/** Barcode and count totals of one replicate over the whole table. */
public final class ReplicateTally {
    final String name;
    long barcodes;
    /** Empty count cells of a barcode table (not observed in this replicate), read as 0. */
    long unobserved;
    long dnaTotal;
    long rnaTotal;
    long lowDna;
    long lowRna;
    long outliers;
    long kept;
    long keptDnaTotal;
    long keptRnaTotal;

    ReplicateTally(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }
}
