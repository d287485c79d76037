package org.regshift.model.net;

import org.nd4j.linalg.activations.Activation;

/**
 * The reference Gaussian CNN, layer for layer the one in the PyTorch peer
 * (shared/bench/torch_reference.py): Conv1D 4->128 kernel 15 'same' + ReLU, max pool 4, Conv1D
 * 128->128 kernel 5 'valid' + ReLU, global max pool, Dense 64 + ReLU, Dense 2 (mean, log-variance).
 */
public record CnnReference() implements Architecture {
    @Override
    public String name() {
        return "cnn-reference";
    }

    @Override
    public String trunk(Trunk trunk) {
        return trunk.conv(128, 15, true, Activation.RELU).maxPool(4)
                .conv(128, 5, false, Activation.RELU).globalMaxPool();
    }

    @Override
    public Head head() {
        return Head.plain(0);
    }
}
