package org.regshift.model.lean;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A vertex of a {@link LeanNetwork} with one or more inputs: the forward pass keeps what the backward pass needs. */
interface LeanVertex {
    INDArray forward(INDArray[] inputs, boolean training);

    /**
     * The gradients with respect to the inputs (null where {@code needed} is false), after writing
     * any parameter gradients.
     */
    INDArray[] backward(INDArray outputGradient, boolean[] needed);

    /** A single-input layer as a vertex. */
    record Single(LeanLayer layer) implements LeanVertex {
        @Override
        public INDArray forward(INDArray[] inputs, boolean training) {
            return layer.forward(inputs[0], training);
        }

        @Override
        public INDArray[] backward(INDArray outputGradient, boolean[] needed) {
            return new INDArray[] {layer.backward(outputGradient, needed[0])};
        }
    }
}
