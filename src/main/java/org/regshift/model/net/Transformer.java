package org.regshift.model.net;

import org.nd4j.linalg.activations.Activation;

/**
 * A convolution stem (kernel 15 and 5, 64 channels, each followed by max pool 4), sinusoidal
 * position encoding, and two encoder blocks of 4-head self-attention, max-pooled over positions.
 * Attention runs on a sixteenth of the length: DL4J's self-attention is slow on long inputs.
 */
public record Transformer() implements Architecture {
    @Override
    public String name() {
        return "transformer";
    }

    @Override
    public String trunk(Trunk trunk) {
        trunk.conv(64, 15, true, Activation.RELU).maxPool(4).conv(64, 5, true, Activation.RELU).maxPool(4).positions();
        return trunk.encoderBlock(4, 0.1).encoderBlock(4, 0.1).globalMaxPool();
    }

    @Override
    public Head head() {
        return Head.plain(0.2);
    }
}
