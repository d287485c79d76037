package org.regshift.qc;

/**
 * Applies the per-replicate barcode filters to one element: minimum DNA and RNA counts, the
 * pseudocount where a minimum is 0, then outlier removal on the RNA counts. The kept barcodes'
 * counts are summed into the element; the drops are counted in the replicate's tally.
 */
final class BarcodeFilter {
    private final QcParameters params;
    private double[] score = new double[64];
    private long[] rna = new long[64];
    private long[] dna = new long[64];
    private boolean[] outlier = new boolean[64];

    BarcodeFilter(QcParameters params) {
        this.params = params;
    }

    void apply(long[] dnaCounts, long[] rnaCounts, int n, ReplicateTally tally, ElementCounts element, int rep) {
        if (rna.length < n) {
            score = new double[n];
            rna = new long[n];
            dna = new long[n];
            outlier = new boolean[n];
        }
        long dnaPseudo = params.dnaPseudocount();
        long rnaPseudo = params.rnaPseudocount();
        int passed = 0;
        for (int i = 0; i < n; i++) {
            tally.barcodes++;
            tally.dnaTotal = Math.addExact(tally.dnaTotal, dnaCounts[i]);
            tally.rnaTotal = Math.addExact(tally.rnaTotal, rnaCounts[i]);
            if (dnaCounts[i] < params.minDnaCount()) {
                tally.lowDna++;
            } else if (rnaCounts[i] < params.minRnaCount()) {
                tally.lowRna++;
            } else {
                dna[passed] = Math.addExact(dnaCounts[i], dnaPseudo);
                rna[passed] = Math.addExact(rnaCounts[i], rnaPseudo);
                score[passed] = rna[passed];
                passed++;
            }
        }
        tally.outliers += params.outlier().flag(score, passed, params.outlierThreshold(), outlier);
        for (int i = 0; i < passed; i++) {
            if (!outlier[i]) {
                element.kept[rep]++;
                element.dnaSum[rep] = Math.addExact(element.dnaSum[rep], dna[i]);
                element.rnaSum[rep] = Math.addExact(element.rnaSum[rep], rna[i]);
            }
        }
        tally.kept += element.kept[rep];
        tally.keptDnaTotal = Math.addExact(tally.keptDnaTotal, element.dnaSum[rep]);
        tally.keptRnaTotal = Math.addExact(tally.keptRnaTotal, element.rnaSum[rep]);
    }
}
