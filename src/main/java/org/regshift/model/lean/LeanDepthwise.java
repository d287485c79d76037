package org.regshift.model.lean;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A depthwise convolution along the length of [batch, channels, length, 1] activations (kernel
 * [kernel, 1], stride 1, 'same', no bias, one output channel per input channel), through
 * libnd4j's depthwise_conv2d ops; weights [kernel, 1, channels, 1] as DL4J keeps them.
 */
final class LeanDepthwise implements LeanLayer {
    private final INDArray weight;
    private final INDArray weightGradient;
    private INDArray input;

    LeanDepthwise(INDArray weight, INDArray weightGradient) {
        this.weight = weight;
        this.weightGradient = weightGradient;
    }

    private DynamicCustomOp.DynamicCustomOpsBuilder op(String name) {
        // kernel height and width, strides, paddings, dilations, same mode, NCHW
        return DynamicCustomOp.builder(name).addIntegerArguments((int) weight.size(0), 1, 1, 1, 0, 0, 1, 1, 1, 0);
    }

    @Override
    public INDArray forward(INDArray in, boolean training) {
        input = in;
        INDArray output = Nd4j.createUninitialized(DataType.FLOAT, in.shape());
        Nd4j.exec(op("depthwise_conv2d").addInputs(in, weight).addOutputs(output).build());
        return output;
    }

    @Override
    public INDArray backward(INDArray outputGradient, boolean inputGradient) {
        INDArray in = Nd4j.createUninitialized(DataType.FLOAT, input.shape());
        Nd4j.exec(op("depthwise_conv2d_bp").addInputs(input, weight, outputGradient).addOutputs(in, weightGradient).build());
        return inputGradient ? in : null;
    }
}
