package org.regshift.model.lean;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A dense layer [batch, in] x W [in, out] + b and its activation, with optional dropout on its input.
 * The products read a contiguous copy of W and write fresh arrays: on views of the network's
 * flattened parameters and gradients libnd4j's matrix product took a slow path, 5x a step's
 * squeeze-and-excitation cost in LegNet.
 */
final class LeanDense implements LeanLayer {
    private final LeanParameters p;
    private final LeanActivation activation;
    private final LeanDropout dropout;
    private INDArray input;
    private INDArray weight;
    private INDArray preOutput;
    private INDArray output;

    LeanDense(LeanParameters p, LeanActivation activation, LeanDropout dropout) {
        this.p = p;
        this.activation = activation;
        this.dropout = dropout;
    }

    @Override
    public INDArray forward(INDArray in, boolean training) {
        input = dropout == null ? in : dropout.forward(in, training);
        weight = p.weight().dup('c');
        preOutput = Nd4j.gemm(input, weight, false, false).addiRowVector(p.bias());
        output = activation.forward(preOutput);
        return output;
    }

    @Override
    public INDArray backward(INDArray outputGradient, boolean inputGradient) {
        INDArray delta = activation.backward(preOutput, output, outputGradient);
        p.weightGradient().assign(Nd4j.gemm(input, delta, true, false));
        p.biasGradient().assign(delta.sum(0));
        if (!inputGradient) {
            return null;
        }
        INDArray in = Nd4j.gemm(delta, weight, false, true);
        return dropout == null ? in : dropout.backward(in, true);
    }
}
