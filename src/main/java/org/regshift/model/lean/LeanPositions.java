package org.regshift.model.lean;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.regshift.model.net.SinusoidalPositions;

/** {@link SinusoidalPositions}: a constant added to [batch, channels, length], so the gradient passes unchanged. */
final class LeanPositions implements LeanLayer {
    @Override
    public INDArray forward(INDArray input, boolean training) {
        INDArray encoding = SinusoidalPositions.encoding((int) input.size(1), (int) input.size(2), input.dataType());
        return Broadcast.add(input, encoding, input.ulike(), 1, 2);
    }

    @Override
    public INDArray backward(INDArray outputGradient, boolean inputGradient) {
        return inputGradient ? outputGradient : null;
    }
}
