package org.regshift.simulate;

/**
 * What a scenario at a severity changes, as knobs of the generative model; {@link #NONE} is the
 * reference library.
 *
 * @param gcShift            added to the mean GC fraction of the sequences
 * @param rewireFraction     fraction of motif effects permuted or sign-flipped (concept shift)
 * @param pwmRotation        fraction of PWM positions whose base preferences rotate (sites drawn from and scored by the result)
 * @param cellTypeMix        how far each cell program moves towards the next cell type's (1: replaced)
 * @param depthFactor        multiplies DNA and RNA sequencing depth
 * @param newBatchLog2Factor log2 multiplicative RNA factor of a new batch (0: the training batches)
 * @param newBatchGcSlope    log2 RNA bias of the new batch per unit of (GC - 0.5)
 * @param heteroscedasticity how fast NB overdispersion grows with activity and with low DNA counts
 */
public record Shift(double gcShift, double rewireFraction, double pwmRotation, double cellTypeMix, double depthFactor,
                   double newBatchLog2Factor, double newBatchGcSlope, double heteroscedasticity) {
    public static final Shift NONE = new Shift(0, 0, 0, 0, 1, 0, 0, 0);

    public boolean newBatch() {
        return newBatchLog2Factor != 0 || newBatchGcSlope != 0;
    }
}
