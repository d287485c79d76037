package org.regshift.qc;

/**
 * The activity of one element: per replicate (NaN where the replicate did not measure it), the
 * mean over replicates, its standard error, and the reason it was dropped (null when kept).
 */
record ElementActivity(ElementCounts counts, double[] replicates, double activity, double se, DropReason dropped) {
    boolean kept() {
        return dropped == null;
    }

    /** This element, dropped for {@code reason} (a reason it already has stays). */
    ElementActivity droppedAs(DropReason reason) {
        return new ElementActivity(counts, replicates, activity, se, dropped == null ? reason : dropped);
    }

    /** Barcodes kept in the replicate with the fewest; the table's own count for element-level tables. */
    long barcodes() {
        if (counts.reportedBarcodes >= 0) {
            return counts.reportedBarcodes;
        }
        int min = Integer.MAX_VALUE;
        for (int k : counts.kept) {
            min = Math.min(min, k);
        }
        return min;
    }
}
