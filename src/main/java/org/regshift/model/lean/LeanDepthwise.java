package org.regshift.model.lean;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.regshift.model.net.NdBuffers;

/**
 * A depthwise convolution along the length of [batch, channels, length, 1] activations (kernel
 * [kernel, 1], stride 1, 'same', no bias, one output channel per input channel) as loops over
 * Java copies of the activations: libnd4j's depthwise_conv2d took three times as long in a
 * profile of LegNet. Weights [kernel, 1, channels, 1] as DL4J keeps them; the twin's layers share
 * {@code scratch}.
 */
final class LeanDepthwise implements LeanLayer {
    private final INDArray weight;
    private final INDArray weightGradient;
    private final NdBuffers.Scratch scratch;
    private INDArray input;

    LeanDepthwise(INDArray weight, INDArray weightGradient, NdBuffers.Scratch scratch) {
        this.weight = weight;
        this.weightGradient = weightGradient;
        this.scratch = scratch;
    }

    private int kernel() {
        return (int) weight.size(0);
    }

    /** The weights as [kernel position][channel]. */
    private float[][] taps(int channels) {
        float[] w = new float[kernel() * channels];
        NdBuffers.floats(weight).get(w);
        float[][] taps = new float[kernel()][channels];
        for (int t = 0; t < kernel(); t++) {
            System.arraycopy(w, t * channels, taps[t], 0, channels);
        }
        return taps;
    }

    @Override
    public INDArray forward(INDArray in, boolean training) {
        input = in;
        int rows = (int) in.size(0);
        int channels = (int) in.size(1);
        int length = (int) in.size(2);
        int n = (int) in.length();
        float[] x = scratch.atLeast(0, n);
        float[] y = scratch.atLeast(1, n);
        NdBuffers.floats(in).get(x, 0, n);
        java.util.Arrays.fill(y, 0, n, 0f);
        float[][] taps = taps(channels);
        forEachTap(rows, channels, length, (c, t, from, to, shift) -> {
            float w = taps[t][c];
            for (int i = from; i < to; i++) {
                y[i] += w * x[i + shift];
            }
        });
        return NdBuffers.filled(y, n, in.shape());
    }

    @Override
    public INDArray backward(INDArray outputGradient, boolean inputGradient) {
        int rows = (int) input.size(0);
        int channels = (int) input.size(1);
        int length = (int) input.size(2);
        int n = (int) input.length();
        float[] x = scratch.atLeast(0, n);
        float[] g = scratch.atLeast(1, n);
        float[] dx = scratch.atLeast(2, n);
        NdBuffers.floats(input).get(x, 0, n);
        NdBuffers.floats(outputGradient).get(g, 0, n);
        java.util.Arrays.fill(dx, 0, n, 0f);
        float[][] taps = taps(channels);
        double[][] dw = new double[kernel()][channels];
        forEachTap(rows, channels, length, (c, t, from, to, shift) -> {
            float w = taps[t][c];
            dw[t][c] += Runs.dot(g, from, to, x, shift);
            for (int i = from; i < to; i++) {
                dx[i + shift] += w * g[i];
            }
        });
        float[] flat = new float[kernel() * channels];
        for (int t = 0; t < kernel(); t++) {
            for (int c = 0; c < channels; c++) {
                flat[t * channels + c] = (float) dw[t][c];
            }
        }
        weightGradient.assign(Nd4j.create(flat, weightGradient.shape(), 'c'));
        return inputGradient ? NdBuffers.filled(dx, n, input.shape()) : null;
    }

    /** What runs for tap t of channel c: output positions [from, to) read the input at position + shift. */
    private interface TapRun {
        void accept(int c, int t, int from, int to, int shift);
    }

    /** Each tap of each channel of each row, over the output positions whose input lies inside the sequence. */
    private void forEachTap(int rows, int channels, int length, TapRun run) {
        int pad = kernel() / 2;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < channels; c++) {
                int start = (r * channels + c) * length;
                for (int t = 0; t < kernel(); t++) {
                    int shift = t - pad;
                    run.accept(c, t, start + Math.max(0, -shift), start + Math.min(length, length - shift), shift);
                }
            }
        }
    }

}
