package org.regshift.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A 1D convolution (stride 1, 'same' with an odd kernel, or 'valid') with an optional ReLU on NCW activations,
 * through libnd4j's conv1d ops. Weights are [kernel, in, out] views of the network's parameters.
 * Without an input gradient (the first layer) the weight gradient is one matrix product of the
 * unfolded input, where conv1d_bp would also compute the input gradient.
 */
final class LeanConv1D implements LeanLayer {
    private final LeanParameters p;
    private final boolean same;
    private final boolean relu;
    private INDArray input;
    private INDArray output;

    LeanConv1D(LeanParameters p, boolean same, boolean relu) {
        this.p = p;
        this.same = same;
        this.relu = relu;
    }

    boolean relu() {
        return relu;
    }

    /** This convolution with its ReLU left to the pooling layer after it. */
    LeanConv1D withoutRelu() {
        return new LeanConv1D(p, same, false);
    }

    private int kernel() {
        return (int) p.weight().size(0);
    }

    private DynamicCustomOp.DynamicCustomOpsBuilder op(String name) {
        // kernel, stride, padding, dilation, same mode, NCW, weights [kernel, in, out]
        return DynamicCustomOp.builder(name).addIntegerArguments(kernel(), 1, 0, 1, same ? 1 : 0, 0, 0);
    }

    @Override
    public INDArray forward(INDArray in, boolean training) {
        input = in;
        long length = same ? in.size(2) : in.size(2) - kernel() + 1;
        output = Nd4j.createUninitialized(DataType.FLOAT, in.size(0), p.weight().size(2), length);
        Nd4j.exec(op("conv1d").addInputs(in, p.weight(), p.bias()).addOutputs(output).build());
        return relu ? LeanOps.relu(output) : output;
    }

    @Override
    public INDArray backward(INDArray outputGradient, boolean inputGradient) {
        INDArray delta = relu ? LeanOps.reluBackward(output, outputGradient) : outputGradient;
        if (inputGradient) {
            INDArray in = Nd4j.createUninitialized(DataType.FLOAT, input.shape());
            Nd4j.exec(op("conv1d_bp").addInputs(input, p.weight(), p.bias(), delta)
                    .addOutputs(in, p.weightGradient(), p.biasGradient()).build());
            return in;
        }
        long batch = input.size(0);
        long channels = input.size(1);
        long length = delta.size(2);
        INDArray columns = Nd4j.createUninitialized(DataType.FLOAT, batch, channels, 1, kernel(), 1, length);
        Nd4j.exec(DynamicCustomOp.builder("im2col").addInputs(input.reshape(batch, channels, 1, input.size(2)))
                .addOutputs(columns).addIntegerArguments(1, kernel(), 1, 1, 0, same ? kernel() / 2 : 0, 1, 1, 0).build());
        // the unfolded input with a row of ones, whose product with the deltas is the bias gradient
        long rows = kernel() * channels;
        INDArray unfolded = Nd4j.createUninitialized(DataType.FLOAT, rows + 1, batch * length);
        unfolded.get(NDArrayIndex.interval(0, rows), NDArrayIndex.all()).reshape(kernel(), channels, batch, length)
                .assign(columns.reshape(batch, channels, kernel(), length).permute(2, 1, 0, 3));
        unfolded.getRow(rows).assign(1);
        INDArray deltas = delta.permute(1, 0, 2).dup('c').reshape(p.weight().size(2), batch * length);
        INDArray product = Nd4j.gemm(deltas, unfolded, false, true);
        p.weightGradient().reshape(rows, p.weight().size(2))
                .assign(product.get(NDArrayIndex.all(), NDArrayIndex.interval(0, rows)).transpose());
        p.biasGradient().assign(product.getColumn(rows));
        return null;
    }
}
