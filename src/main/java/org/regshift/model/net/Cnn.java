package org.regshift.model.net;

import org.nd4j.linalg.activations.Activation;

/**
 * RegShift's default CNN: the reference net widened and deepened, with dropout: Conv1D 4->256
 * kernel 15 'same' + ReLU, max pool 4, dropout 0.2, Conv1D 256->128 kernel 5 'same' + ReLU,
 * dropout 0.2, Conv1D 128->128 kernel 5 'valid' + ReLU, global max pool, and the dense head with
 * dropout 0.2 (its accuracy against cnn-reference: README, bench/cnn_quality.sh).
 */
public record Cnn() implements Architecture {
    private static final double DROPOUT = 0.2;

    @Override
    public String name() {
        return "cnn";
    }

    @Override
    public String trunk(Trunk trunk) {
        return trunk.conv(256, 15, true, Activation.RELU).maxPool(4).dropout(DROPOUT)
                .conv(128, 5, true, Activation.RELU).dropout(DROPOUT)
                .conv(128, 5, false, Activation.RELU).globalMaxPool();
    }

    @Override
    public Head head() {
        return Head.plain(DROPOUT);
    }
}
