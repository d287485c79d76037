package org.regshift.model.lean;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/** The libnd4j operations the lean layers share. */
final class LeanOps {
    private LeanOps() {
    }

    /** ReLU in place. */
    static INDArray relu(INDArray x) {
        Nd4j.exec(DynamicCustomOp.builder("relu").addInputs(x).addOutputs(x).addFloatingPointArguments(0.0).build());
        return x;
    }

    /** The gradient through a ReLU whose output was {@code output}, in place in {@code gradient}. */
    static INDArray reluBackward(INDArray output, INDArray gradient) {
        Nd4j.exec(DynamicCustomOp.builder("relu_bp").addInputs(output, gradient).addOutputs(gradient)
                .addFloatingPointArguments(0.0).build());
        return gradient;
    }
}
