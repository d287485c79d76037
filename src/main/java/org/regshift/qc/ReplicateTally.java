package org.regshift.qc;

/** Barcode and count totals of one replicate over the whole table. */
public final class ReplicateTally {
    final String name;
    long barcodes;
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
