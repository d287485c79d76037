package org.regshift.qc;

import java.nio.file.Path;
import java.util.Arrays;
import org.regshift.io.InputException;
import org.regshift.io.TsvReader;

/** The DNA and RNA counts of one element's barcodes, per replicate, while they are read. */
final class BarcodeBlock {
    private long[][] dna;
    private long[][] rna;
    private int size;

    BarcodeBlock(int replicates) {
        dna = new long[replicates][8];
        rna = new long[replicates][8];
    }

    void add(TsvReader row, CountLayout layout) {
        if (size == dna[0].length) {
            for (int r = 0; r < dna.length; r++) {
                dna[r] = Arrays.copyOf(dna[r], size * 2);
                rna[r] = Arrays.copyOf(rna[r], size * 2);
            }
        }
        for (int r = 0; r < dna.length; r++) {
            CountLayout.Replicate rep = layout.replicates().get(r);
            dna[r][size] = row.count(rep.dna().index());
            rna[r][size] = row.count(rep.rna().index());
        }
        size++;
    }

    /** Filters the block's barcodes into the element; counts that add up beyond a long are an input error of {@code file}. */
    void filterInto(ElementCounts element, BarcodeFilter filter, ReplicateTally[] tallies, Path file) {
        try {
            for (int r = 0; r < dna.length; r++) {
                filter.apply(dna[r], rna[r], size, tallies[r], element, r);
            }
        } catch (ArithmeticException e) {
            throw InputException.atLine(file, element.firstLine, "the counts of element '" + element.id
                    + "' add up to more than " + Long.MAX_VALUE + " (2^63 - 1)");
        }
    }

    void clear() {
        size = 0;
    }
}
