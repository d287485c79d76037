package org.regshift.model.lean;

import org.nd4j.linalg.api.ndarray.INDArray;

/** An activation on its own, on activations of any shape. */
final class LeanActivationLayer implements LeanLayer {
    private final LeanActivation activation;
    private INDArray input;
    private INDArray output;

    LeanActivationLayer(LeanActivation activation) {
        this.activation = activation;
    }

    @Override
    public INDArray forward(INDArray in, boolean training) {
        input = in;
        output = activation.forward(in);
        return output;
    }

    @Override
    public INDArray backward(INDArray outputGradient, boolean inputGradient) {
        return activation.backward(input, output, outputGradient);
    }
}
