package org.regshift.model.lean;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A reshape of each row to {@code shape} (DL4J's ReshapeVertex with -1 for the batch), a view where it can be. */
final class LeanReshape implements LeanLayer {
    private final long[] shape;
    private long[] inputShape;

    LeanReshape(int[] shape) {
        this.shape = java.util.Arrays.stream(shape).asLongStream().toArray();
    }

    @Override
    public INDArray forward(INDArray in, boolean training) {
        inputShape = in.shape();
        long[] rows = shape.clone();
        rows[0] = in.size(0);
        return in.reshape('c', rows);
    }

    @Override
    public INDArray backward(INDArray outputGradient, boolean inputGradient) {
        return outputGradient.reshape('c', inputShape);
    }
}
