package org.regshift.qc;

/** Why an element has no activity in the output. */
public enum DropReason {
    /** The element's ID is not in the FASTA (kept out with --allow-missing). */
    MISSING_SEQUENCE,
    /** Fewer than --min-barcodes barcodes passed the filters in some replicate. */
    TOO_FEW_BARCODES,
    /** An element-level row whose counts are below the minima in some replicate. */
    LOW_COUNTS,
    /** A control element (--controls): activities are normalised to the controls, which are not modelled. */
    CONTROL;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
