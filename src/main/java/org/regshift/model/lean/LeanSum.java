package org.regshift.model.lean;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The element-wise sum of two inputs of one shape (DL4J's ElementWiseVertex Add): a residual connection. */
final class LeanSum implements LeanVertex {
    @Override
    public INDArray forward(INDArray[] in, boolean training) {
        return in[0].add(in[1]);
    }

    @Override
    public INDArray[] backward(INDArray outputGradient, boolean[] needed) {
        // the first input may take the array itself: a gradient array has no other holder once passed on
        return new INDArray[] {needed[0] ? outputGradient : null, needed[1] ? outputGradient.dup() : null};
    }
}
