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

    /**
     * Adds the row's barcode; in a barcode-level table an empty count cell is a barcode not observed
     * in that replicate (MPRAsnakeflow leaves such cells empty): 0, counted in the replicate's tally.
     */
    void add(TsvReader row, CountLayout layout, ReplicateTally[] tallies) {
        grow();
        for (int r = 0; r < dna.length; r++) {
            CountLayout.Replicate rep = layout.replicates().get(r);
            dna[r][size] = count(row, rep.dna().index(), layout, tallies[r]);
            rna[r][size] = count(row, rep.rna().index(), layout, tallies[r]);
        }
        size++;
    }

    /** Adds one barcode (or one element's summed counts) with these counts per replicate. */
    void add(long[] dnaCounts, long[] rnaCounts) {
        grow();
        for (int r = 0; r < dna.length; r++) {
            dna[r][size] = dnaCounts[r];
            rna[r][size] = rnaCounts[r];
        }
        size++;
    }

    private void grow() {
        if (size == dna[0].length) {
            for (int r = 0; r < dna.length; r++) {
                dna[r] = Arrays.copyOf(dna[r], size * 2);
                rna[r] = Arrays.copyOf(rna[r], size * 2);
            }
        }
    }

    private static long count(TsvReader row, int column, CountLayout layout, ReplicateTally tally) {
        if (layout.barcodeLevel() && row.fieldLength(column) == 0) {
            tally.unobserved++;
            return 0;
        }
        return row.count(column);
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
