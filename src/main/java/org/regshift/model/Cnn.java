package org.regshift.model;

import org.nd4j.linalg.activations.Activation;

/**
 * RegShift's default CNN: three convolution blocks (kernel 15, 7, 5; 128, 128, 96 channels), each
 * with batch norm, ReLU, max pooling (4, 4, 2 on the first two and the third) and dropout 0.1, a
 * global max pool, and a dense head with dropout 0.3. Batch norm and dropout regularise what the
 * reference net overfits; the third block lets motif pairs at a distance (cooperativity) combine.
 */
public record Cnn() implements Architecture {
    private static final double BLOCK_DROPOUT = 0.1;

    @Override
    public String name() {
        return "cnn";
    }

    @Override
    public String trunk(Trunk trunk) {
        return trunk.conv(128, 15, true, Activation.IDENTITY).batchNorm().relu().maxPool(4).dropout(BLOCK_DROPOUT)
                .conv(128, 7, true, Activation.IDENTITY).batchNorm().relu().maxPool(4).dropout(BLOCK_DROPOUT)
                .conv(96, 5, true, Activation.IDENTITY).batchNorm().relu().maxPool(2).dropout(BLOCK_DROPOUT)
                .globalMaxPool();
    }

    @Override
    public double headDropout() {
        return 0.3;
    }
}
