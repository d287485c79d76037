package org.regshift.qc;

import java.util.List;

/**
 * A count table read and filtered: its elements in table order, the totals of each replicate, how
 * many data rows it had, and how many elements had no sequence (dropped with --allow-missing).
 */
record CountSummary(List<ElementCounts> elements, List<ReplicateTally> tallies, long rows, int missingSequences,
                    boolean grouped) {
}
