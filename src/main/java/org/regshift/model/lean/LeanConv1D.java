package org.regshift.model.lean;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.regshift.model.net.NdBuffers;

/**
 * A 1D convolution (stride 1, 'same' with an odd kernel, or 'valid'; with or without bias) and its
 * activation on NCW activations, through libnd4j's conv1d ops. Weights are [kernel, in, out] views
 * of the network's parameters.
 * Without an input gradient (the first layer) the weight gradient is one matrix product of the
 * unfolded input, where conv1d_bp would also compute the input gradient.
 */
final class LeanConv1D implements LeanLayer {
    static final int POINTWISE_MIN_LENGTH = 100;
    private final LeanParameters p;
    private final boolean same;
    private final LeanActivation activation;
    private final NdBuffers.Scratch scratch = new NdBuffers.Scratch();
    private INDArray input;
    private INDArray preOutput;
    private INDArray output;

    LeanConv1D(LeanParameters p, boolean same, LeanActivation activation) {
        this.p = p;
        this.same = same;
        this.activation = activation;
    }

    boolean relu() {
        return activation == LeanActivation.RELU;
    }

    /** This convolution with its ReLU left to the pooling layer after it. */
    LeanConv1D withoutRelu() {
        return new LeanConv1D(p, same, LeanActivation.IDENTITY);
    }

    private boolean bias() {
        return p.bias() != null;
    }

    /** The op's inputs: {@code input}, the weights, the bias if any, then {@code after}. */
    private INDArray[] withWeights(INDArray input, INDArray... after) {
        List<INDArray> all = new ArrayList<>(List.of(input, p.weight()));
        if (bias()) {
            all.add(p.bias());
        }
        all.addAll(List.of(after));
        return all.toArray(INDArray[]::new);
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
        preOutput = Nd4j.createUninitialized(DataType.FLOAT, in.size(0), p.weight().size(2), length);
        if (kernel() == 1 && in.size(2) >= POINTWISE_MIN_LENGTH) {
            pointwiseForward();
        } else {
            Nd4j.exec(op("conv1d").addInputs(withWeights(in)).addOutputs(preOutput).build());
        }
        output = activation.forward(preOutput);
        return output;
    }

    @Override
    public INDArray backward(INDArray outputGradient, boolean inputGradient) {
        INDArray delta = activation.backward(preOutput, output, outputGradient);
        if (inputGradient) {
            INDArray in = Nd4j.createUninitialized(DataType.FLOAT, input.shape());
            INDArray[] outputs = bias() ? new INDArray[] {in, p.weightGradient(), p.biasGradient()}
                    : new INDArray[] {in, p.weightGradient()};
            Nd4j.exec(op("conv1d_bp").addInputs(withWeights(input, delta)).addOutputs(outputs).build());
            return in;
        }
        int outLength = (int) delta.size(2);
        int rows = kernel() * (int) input.size(1);
        // a copy unless the deltas already lie channel-major, as LeanMaxPool writes them
        INDArray deltas = delta.permute(1, 0, 2).reshape('c', p.weight().size(2), input.size(0) * outLength);
        INDArray product = Nd4j.gemm(deltas, unfolded(outLength), false, true);
        p.weightGradient().reshape(rows, p.weight().size(2))
                .assign(product.get(NDArrayIndex.all(), NDArrayIndex.interval(0, rows)).transpose());
        if (bias()) {
            p.biasGradient().assign(product.getColumn(rows));
        }
        return null;
    }

    /**
     * A 1x1 convolution's forward pass as one matrix product per sequence: 10-40% faster than
     * libnd4j's conv1d on LegNet's layers of 115 and 230 positions, slower on 57 and fewer (a call per
     * sequence), hence {@link #POINTWISE_MIN_LENGTH}. Its backward pass as products per sequence was
     * slower than conv1d_bp, which it keeps.
     */
    private void pointwiseForward() {
        INDArray x = NdBuffers.contiguous(input);
        // the kernel as the matrix [in, out] that conv1d applies
        INDArray matrix = p.weight().reshape('c', p.weight().size(1), p.weight().size(2)).dup('c');
        for (int s = 0; s < x.size(0); s++) {
            Nd4j.gemm(matrix, x.slice(s), preOutput.slice(s), true, false, 1.0, 0.0);
        }
        if (bias()) {
            preOutput.addi(p.bias().reshape(1, p.bias().length(), 1));
        }
    }

    /**
     * The input unfolded to [(kernel position, channel), (row, position)], with a last row of
     * ones whose product with the deltas is the bias gradient: row (t, c) holds each sequence's
     * channel c shifted by t - padding, so it is built from array copies of the input's rows.
     */
    private INDArray unfolded(int outLength) {
        int batch = (int) input.size(0);
        int channels = (int) input.size(1);
        int length = (int) input.size(2);
        int pad = same ? kernel() / 2 : 0;
        int width = batch * outLength;
        float[] x = scratch.floats(0, batch * channels * length);
        float[] u = scratch.floats(1, (kernel() * channels + 1) * width);
        NdBuffers.floats(input).get(x);
        for (int t = 0; t < kernel(); t++) {
            int shift = t - pad;
            int from = Math.max(0, -shift);
            int to = Math.min(outLength, length - shift);
            for (int c = 0; c < channels; c++) {
                for (int b = 0; b < batch; b++) {
                    int row = ((t * channels + c) * batch + b) * outLength;
                    Arrays.fill(u, row, row + from, 0f);
                    System.arraycopy(x, (b * channels + c) * length + from + shift, u, row + from, Math.max(0, to - from));
                    Arrays.fill(u, row + Math.max(from, to), row + outLength, 0f);
                }
            }
        }
        Arrays.fill(u, kernel() * channels * width, u.length, 1f);
        INDArray unfolded = Nd4j.createUninitialized(DataType.FLOAT, kernel() * channels + 1, width);
        NdBuffers.writable(unfolded).put(u);
        return unfolded;
    }
}
