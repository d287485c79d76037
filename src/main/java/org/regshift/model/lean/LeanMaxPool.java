package org.regshift.model.lean;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.regshift.model.net.MaxPool1D;
import org.regshift.model.net.MaxPooling;
import org.regshift.model.net.NdBuffers;

/**
 * {@link MaxPool1D} on {@link MaxPooling}, optionally followed by a ReLU. A ReLU before a max pool
 * is applied after it instead (max and ReLU commute, and the gradient is the same), on a quarter
 * of the values.
 */
final class LeanMaxPool implements LeanLayer {
    private final int size;
    private final boolean relu;
    private final NdBuffers.Scratch scratch = new NdBuffers.Scratch();
    private long[] inputShape;
    /** The last input as windows; their argmax is taken in {@link #backward}, which inference never calls. */
    private INDArray grouped;
    private INDArray output;

    LeanMaxPool(int size, boolean relu) {
        this.size = size;
        this.relu = relu;
    }

    @Override
    public INDArray forward(INDArray in, boolean training) {
        inputShape = in.shape();
        grouped = MaxPooling.windows(in, size);
        output = grouped.max(3);
        return relu ? LeanOps.relu(output) : output;
    }

    @Override
    public INDArray backward(INDArray outputGradient, boolean inputGradient) {
        return MaxPooling.route(Nd4j.argMax(grouped, 3), size, outputGradient, relu ? output : null, inputShape, true, scratch);
    }
}
