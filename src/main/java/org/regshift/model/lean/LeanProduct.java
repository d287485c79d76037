package org.regshift.model.lean;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;

/**
 * The element-wise product of two inputs (DL4J's ElementWiseVertex Product). An input of
 * [batch, channels] against one of [batch, channels, length] is a per-channel gate, broadcast
 * over the positions: the lean form of a RepeatVector feeding the product (squeeze-and-excitation),
 * without materialising the repeats.
 */
final class LeanProduct implements LeanVertex {
    private INDArray[] inputs;

    @Override
    public INDArray forward(INDArray[] in, boolean training) {
        inputs = in;
        if (in[0].rank() == in[1].rank()) {
            return in[0].mul(in[1]);
        }
        INDArray full = full();
        return Broadcast.mul(full, gate(), full.ulike(), 0, 1);
    }

    private INDArray full() {
        return inputs[0].rank() == 3 ? inputs[0] : inputs[1];
    }

    private INDArray gate() {
        return inputs[0].rank() == 3 ? inputs[1] : inputs[0];
    }

    @Override
    public INDArray[] backward(INDArray outputGradient, boolean[] needed) {
        INDArray[] gradients = new INDArray[2];
        for (int i = 0; i < 2; i++) {
            if (!needed[i]) {
                continue;
            }
            INDArray other = inputs[1 - i];
            if (inputs[i].rank() == other.rank()) {
                gradients[i] = outputGradient.mul(other);
            } else if (inputs[i].rank() == 2) {
                gradients[i] = outputGradient.mul(other).sum(2);
            } else {
                gradients[i] = Broadcast.mul(outputGradient, other, outputGradient.ulike(), 0, 1);
            }
        }
        return gradients;
    }
}
