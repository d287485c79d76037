package org.regshift.model.lean;

import org.nd4j.linalg.api.ndarray.INDArray;

/** One layer of a {@link LeanNetwork}: the forward pass keeps what the backward pass needs. */
interface LeanLayer {
    INDArray forward(INDArray input, boolean training);

    /**
     * Writes the parameter gradients (mean over the batch when {@code outputGradient} is) into
     * their views and returns the gradient with respect to the input, or null when
     * {@code inputGradient} is false (the first layer: nothing upstream needs it).
     */
    INDArray backward(INDArray outputGradient, boolean inputGradient);
}
