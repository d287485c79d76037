package org.regshift.model.lean;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gradients of a network's mean output with respect to its one-hot input, on the lean engine: the
 * network is read once, and each batch reuses it (it reads the graph's parameters as they stand).
 */
public final class LeanInputGradients {
    private final LeanNetwork network;

    private LeanInputGradients(LeanNetwork network) {
        this.network = network;
    }

    /** For a network the lean engine runs ({@link Engine#forInference} chose {@link Engine#LEAN}). */
    public static LeanInputGradients of(ComputationGraph net) {
        return new LeanInputGradients(LeanNetwork.of(net, Nd4j.zeros(DataType.FLOAT, 1, net.numParams()), Nd4j.getRandom(),
                new TwinSums(1), 0));
    }

    /**
     * d(mean output, standardised) / d(one-hot input) of a batch, in inference mode (batch
     * normalisation's running statistics, no dropout): [batch, 4, length].
     */
    public INDArray ofMean(INDArray[] inputs) {
        return network.meanInputGradient(inputs);
    }
}
