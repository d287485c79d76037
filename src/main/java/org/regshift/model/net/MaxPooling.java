package org.regshift.model.net;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Non-overlapping 1D max pooling over windows of {@code size} positions, the remainder dropped (as
 * PyTorch's MaxPool1d): the one implementation that DL4J's {@link MaxPool1DLayer} and the lean
 * engine's pooling layers share. The gradient goes to each window's first maximum, as in PyTorch
 * (ties are not rare: a homopolymer run gives neighbouring positions the same convolution output);
 * that routing runs in Java on bulk copies, which profiled faster than libnd4j's one-hot and
 * broadcast operations for windows this small.
 */
public final class MaxPooling {
    private MaxPooling() {
    }

    /** The input's first (length / size) * size positions as [batch, channels, windows, size]. */
    public static INDArray windows(INDArray x, int size) {
        long windows = x.size(2) / size;
        INDArray used = x.size(2) == windows * size ? x
                : x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, windows * size));
        return used.dup('c').reshape('c', x.size(0), x.size(1), windows, size);
    }

    /**
     * The input gradient of a max pool over windows of {@code size} positions: each window's
     * gradient at its first maximum ({@code argmax} [batch, channels, windows]), zero elsewhere and
     * in the dropped remainder; with {@code pooled} (the pool's ReLU output),
     * zero where it is not positive. {@code channelMajor}: the gradient lies in memory as
     * [channels, batch, length] (the layout the first convolution's weight gradient multiplies),
     * returned as a [batch, channels, length] view.
     */
    public static INDArray route(INDArray argmax, int size, INDArray outputGradient, INDArray pooled, long[] inputShape,
                                 boolean channelMajor, NdBuffers.Scratch scratch) {
        int length = (int) inputShape[2];
        int windows = (int) argmax.size(2);
        int batch = (int) inputShape[0];
        int channels = (int) inputShape[1];
        int rows = batch * channels;
        float[] gradient = scratch.floats(0, rows * windows);
        float[] outputs = pooled == null ? null : scratch.floats(1, rows * windows);
        long[] maxima = scratch.longs(rows * windows);
        float[] routed = scratch.floats(2, rows * length);
        NdBuffers.floats(outputGradient).get(gradient);
        if (outputs != null) {
            NdBuffers.floats(pooled).get(outputs);
        }
        NdBuffers.longs(argmax).get(maxima);
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
        NdBuffers.writable(in).put(routed);
        return channelMajor ? in.permute(1, 0, 2) : in;
    }
}
