package org.regshift.model;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link MaxPool1D}: non-overlapping windows of {@code size} positions, the remainder dropped,
 * optionally followed by a ReLU. A ReLU before a max pool is applied after it instead (max and
 * ReLU commute, and the gradient is the same), on a quarter of the values. The gradient goes to
 * each window's first maximum, as in PyTorch; that routing runs in Java on bulk copies,
 * which profiled faster than libnd4j's one-hot and broadcast operations for windows this small.
 */
final class LeanMaxPool implements LeanLayer {
    private final int size;
    private final boolean relu;
    private final LeanOps.Scratch scratch = new LeanOps.Scratch();
    private long[] inputShape;
    private INDArray argmax;
    private INDArray output;

    LeanMaxPool(int size, boolean relu) {
        this.size = size;
        this.relu = relu;
    }

    @Override
    public INDArray forward(INDArray in, boolean training) {
        inputShape = in.shape();
        long windows = in.size(2) / size;
        INDArray used = in.size(2) == windows * size ? in
                : in.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, windows * size)).dup('c');
        INDArray grouped = used.reshape('c', in.size(0), in.size(1), windows, size);
        if (training) {
            argmax = Nd4j.argMax(grouped, 3);
        }
        output = grouped.max(3);
        return relu ? LeanOps.relu(output) : output;
    }

    @Override
    public INDArray backward(INDArray outputGradient, boolean inputGradient) {
        return route(argmax, size, outputGradient, relu ? output : null, inputShape, true, scratch);
    }

    /**
     * The input gradient of a max pool over windows of {@code size} positions: each window's
     * gradient at its first maximum ({@code argmax} [batch, channels, windows]), zero elsewhere and
     * in the dropped remainder; with {@code pooled} (the pool's ReLU output),
     * zero where it is not positive. {@code channelMajor}: the gradient lies in memory as
     * [channels, batch, length] (the layout the first convolution's weight gradient multiplies),
     * returned as a [batch, channels, length] view.
     */
    static INDArray route(INDArray argmax, int size, INDArray outputGradient, INDArray pooled, long[] inputShape,
                          boolean channelMajor, LeanOps.Scratch scratch) {
        int length = (int) inputShape[2];
        int windows = (int) argmax.size(2);
        int batch = (int) inputShape[0];
        int channels = (int) inputShape[1];
        int rows = batch * channels;
        float[] gradient = scratch.floats(0, rows * windows);
        float[] outputs = pooled == null ? null : scratch.floats(1, rows * windows);
        long[] maxima = scratch.longs(rows * windows);
        float[] routed = scratch.floats(2, rows * length);
        LeanOps.floats(outputGradient).get(gradient);
        if (outputs != null) {
            LeanOps.floats(pooled).get(outputs);
        }
        LeanOps.longs(argmax).get(maxima);
        Arrays.fill(routed, 0f);
        for (int row = 0; row < rows; row++) {
            int start = (channelMajor ? (row % channels) * batch + row / channels : row) * length;
            for (int w = 0; w < windows; w++) {
                int window = row * windows + w;
                if (outputs == null || outputs[window] > 0) {
                    routed[start + w * size + (int) maxima[window]] = gradient[window];
                }
            }
        }
        INDArray in = Nd4j.createUninitialized(DataType.FLOAT, channelMajor
                ? new long[] {channels, batch, length} : inputShape);
        LeanOps.writable(in).put(routed);
        return channelMajor ? in.permute(1, 0, 2) : in;
    }
}
