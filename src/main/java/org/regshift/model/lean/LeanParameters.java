package org.regshift.model.lean;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A lean layer's weights and bias, views of the network's parameters, and views of a gradient array to write. */
record LeanParameters(INDArray weight, INDArray bias, INDArray weightGradient, INDArray biasGradient) {
}
