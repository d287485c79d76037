package org.regshift.model.lean;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;

/** Global average pooling over positions, [batch, channels, length] to [batch, channels]. */
final class LeanGlobalAverage implements LeanLayer {
    private long[] shape;

    @Override
    public INDArray forward(INDArray in, boolean training) {
        shape = in.shape();
        return in.mean(2);
    }

    @Override
    public INDArray backward(INDArray outputGradient, boolean inputGradient) {
        INDArray spread = Nd4j.createUninitialized(outputGradient.dataType(), shape);
        return Broadcast.copy(spread, outputGradient.div(shape[2]), spread, 0, 1);
    }
}
