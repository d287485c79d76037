package org.regshift.qc;

import java.util.List;

/**
 * The outcome of QC before it is written: the layout found, the counts, activities and splits.
 *
 * @param controls the normalisation to negative controls (null without --controls)
 */
record QcResult(QcRequest request, CountLayout layout, CountSummary summary, List<ElementActivity> activities,
                String[] splits, int fastaRecordsWithoutCounts, ControlNormalisation controls) {
    boolean hasSequences() {
        return layout.hasSequence() || request.fasta() != null;
    }
}
