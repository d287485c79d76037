package org.regshift.qc;

import java.nio.file.Path;

/**
 * Everything {@code regshift qc} needs: the count table and optional FASTA, how to find its
 * columns, the filters, how to split, and where to write.
 *
 * @param splitBy     column whose groups stay whole inside one split (null: each element alone)
 * @param splitColumn column holding a split the user already has (null: make one)
 */
public record QcRequest(Path counts, Path fasta, CountLayoutDetector.Choices columns, QcParameters params,
                        boolean allowMissing, boolean iupacToN, String splitBy, String splitColumn,
                        double[] splitFractions, long seed, Path out) {
}
