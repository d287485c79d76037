package org.regshift.simulate;

/**
 * The generative model's settings (see docs/simulator.md for the equations).
 *
 * @param n                    sequences in the library
 * @param length               sequence length (bp)
 * @param cellTypes            cell programs (ct1, ct2, ...)
 * @param replicates           replicates of DNA and RNA counts
 * @param barcodes             mean barcodes per element (Poisson, at least 1)
 * @param barcodeLevel         write one row per barcode (else per element, barcodes summed)
 * @param gcMean               mean GC fraction of the sequences
 * @param gcSd                 standard deviation of the per-sequence GC fraction
 * @param markov               first-order Markov background with CpG depletion (else i.i.d.)
 * @param motifRate            mean planted motif sites per sequence (Poisson)
 * @param batches              library batches the elements are spread over
 * @param dnaDepth             mean DNA reads per barcode and replicate
 * @param rnaDepth             mean RNA reads per barcode and replicate at activity 0
 * @param dispersion           negative binomial size (variance = mean + mean^2 / size)
 * @param cellTypeCorrelation  correlation of motif effects between cell programs
 */
public record SimParameters(int n, int length, int cellTypes, int replicates, double barcodes, boolean barcodeLevel,
                            double gcMean, double gcSd, boolean markov, double motifRate, int batches, double dnaDepth,
                            double rnaDepth, double dispersion, double cellTypeCorrelation) {
    /** Library abundance spread: log-normal sigma per element and per barcode. */
    static final double ELEMENT_ABUNDANCE_SIGMA = 0.5;
    static final double BARCODE_ABUNDANCE_SIGMA = 0.3;

    public SimParameters {
        require(n >= 1, "--n must be at least 1");
        require(length >= 10 && length <= 100_000, "--length must be between 10 and 100000");
        require(cellTypes >= 1 && cellTypes <= 100, "--cell-types must be between 1 and 100");
        require(replicates >= 1 && replicates <= 100, "--replicates must be between 1 and 100");
        require(barcodes >= 1 && barcodes <= 10_000, "--barcodes must be between 1 and 10000");
        require(gcMean > 0.05 && gcMean < 0.95, "--gc must be between 0.05 and 0.95");
        require(gcSd >= 0 && gcSd <= 0.3, "GC standard deviation must be between 0 and 0.3");
        require(motifRate >= 0 && motifRate <= 1000, "--motif-rate must be between 0 and 1000");
        require(batches >= 1, "--batches must be at least 1");
        require(dnaDepth > 0 && rnaDepth > 0, "--dna-depth and --rna-depth must be positive");
        require(dispersion > 0, "--dispersion must be positive");
        require(cellTypeCorrelation >= 0 && cellTypeCorrelation <= 1, "--cell-type-correlation must be in [0, 1]");
    }

    public SimParameters withN(int newN) {
        return new SimParameters(newN, length, cellTypes, replicates, barcodes, barcodeLevel, gcMean, gcSd, markov,
                motifRate, batches, dnaDepth, rnaDepth, dispersion, cellTypeCorrelation);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
