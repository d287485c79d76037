package org.regshift.qc;

import java.util.Arrays;
import org.regshift.io.CountLayout;
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

    void filterInto(ElementCounts element, BarcodeFilter filter, ReplicateTally[] tallies) {
        for (int r = 0; r < dna.length; r++) {
            filter.apply(dna[r], rna[r], size, tallies[r], element, r);
        }
    }

    void clear() {
        size = 0;
    }
}
