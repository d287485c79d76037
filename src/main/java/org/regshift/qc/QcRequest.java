package org.regshift.qc;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything {@code regshift qc} needs: the count table (or MPRAflow's per-replicate tables, one
 * per replicate) and optional FASTA, how to find its
 * columns, the filters, how to split, and where to write.
 *
 * @param splitBy     column whose groups stay whole inside one split (null: each element alone)
 * @param splitColumn column holding a split the user already has (null: make one)
 */
public record QcRequest(List<Path> counts, Path fasta, CountLayoutDetector.Choices columns, QcParameters params,
                        boolean allowMissing, boolean iupacToN, String splitBy, String splitColumn,
                        double[] splitFractions, long seed, String sample, Path out) {
    public QcRequest {
        counts = List.copyOf(counts);
        if (counts.isEmpty()) {
            throw new IllegalArgumentException("no count table");
        }
    }

    /** The count table, or the first replicate's. */
    public Path table() {
        return counts.get(0);
    }
}
