package org.regshift.model.lean;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Gradients of a network's mean output with respect to its one-hot input, on the lean engine. */
public final class LeanInputGradients {
    private LeanInputGradients() {
    }

    /**
     * d(mean output, standardised) / d(one-hot input) of a batch, in inference mode (batch
     * normalisation's running statistics, no dropout): [batch, 4, length].
     */
    public static INDArray ofMean(ComputationGraph net, INDArray[] inputs) {
        return LeanNetwork.of(net, Nd4j.zeros(DataType.FLOAT, 1, net.numParams()), Nd4j.getRandom(), new TwinSums(1), 0)
                .meanInputGradient(inputs);
    }
}
