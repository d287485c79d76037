package org.regshift.model.net;

import org.nd4j.linalg.activations.Activation;

/**
 * A convolution stem (kernel 15 and 5, 64 channels, each followed by max pool 4, so the LSTM sees a
 * sixteenth of the length: DL4J's LSTM is slow on long inputs) and a bidirectional LSTM of 32
 * units per direction, max-pooled over positions.
 */
public record BiLstm() implements Architecture {
    @Override
    public String name() {
        return "bilstm";
    }

    @Override
    public String trunk(Trunk trunk) {
        return trunk.conv(64, 15, true, Activation.RELU).maxPool(4)
                .conv(64, 5, true, Activation.RELU).maxPool(4).dropout(0.1)
                .biLstm(32).globalMaxPool();
    }

    @Override
    public Head head() {
        return Head.plain(0.2);
    }
}
