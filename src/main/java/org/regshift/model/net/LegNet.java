package org.regshift.model.net;

import org.nd4j.linalg.activations.Activation;

/**
 * LegNet (Penzar et al. 2023, as autosome-ru/human_legnet trains it for lentiMPRA), layer for layer
 * the PyTorch peer in shared/bench/legnet_reference.py: stem conv 4->64 kernel 5 + batch norm +
 * SiLU; four stages of [EffBlock concatenated with its input, local block to 80/96/112/128
 * channels (kernel 3), max pool 2]; mapper (batch norm, 1x1 conv to 256); global average pool;
 * Dense 256 + batch norm + SiLU; the (mean, log-variance) output, dense layers initialised
 * normal(0, 0.001) as LegNet's.
 */
public record LegNet() implements Architecture {
    private static final int STEM = 64;
    private static final int[] STAGES = {80, 96, 112, 128};
    private static final int EXPANSION = 4;

    @Override
    public String name() {
        return "legnet";
    }

    @Override
    public String trunk(Trunk trunk) {
        trunk.localBlock(STEM, 5);
        for (int out : STAGES) {
            trunk.efficientBlock(EXPANSION, 3).localBlock(out, 3).maxPool(2);
        }
        return trunk.mapper(2 * trunk.channels()).globalAveragePool();
    }

    /**
     * About 8 MB of activations per 230-bp sequence: passes of 64 keep predicting a million
     * sequences near 1 GB of memory and are no slower than passes of 256 (BENCHMARKS.md).
     */
    @Override
    public int inferencePassLimit() {
        return 64;
    }

    @Override
    public Head head() {
        return new Head(2 * STAGES[STAGES.length - 1], true, Activation.SWISH, 0, Trunk.LINEAR_SD);
    }
}
