package org.regshift.model.lean;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Global max pooling over positions, [batch, channels, length] to [batch, channels], optionally
 * followed by a ReLU (moved after the pool, as in {@link LeanMaxPool}); the gradient goes to each
 * channel's first maximum.
 */
final class LeanGlobalMax implements LeanLayer {
    private final boolean relu;
    private INDArray input;
    private INDArray output;

    LeanGlobalMax(boolean relu) {
        this.relu = relu;
    }

    @Override
    public INDArray forward(INDArray in, boolean training) {
        input = in;
        output = in.max(2);
        return relu ? LeanOps.relu(output) : output;
    }

    @Override
    public INDArray backward(INDArray outputGradient, boolean inputGradient) {
        INDArray delta = relu ? LeanOps.reluBackward(output, outputGradient) : outputGradient;
        INDArray routed = input.ulike();
        Nd4j.exec(DynamicCustomOp.builder("ismax").addInputs(input).addOutputs(routed).addIntegerArguments(2).build());
        return Broadcast.mul(routed, delta, routed, 0, 1);
    }
}
