package org.regshift.model.lean;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.regshift.model.net.NdBuffers;

/**
 * A depthwise convolution along the length of [batch, channels, length, 1] activations (kernel
 * [kernel, 1], stride 1, 'same', no bias, one output channel per input channel) as loops over
 * Java copies of the activations, one sequence at a time so that the taps' passes stay in cache:
 * libnd4j's depthwise_conv2d took three times as long in a profile of LegNet. Weights [kernel, 1, channels, 1] as DL4J keeps them; the twin's layers share
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
        int channels = (int) in.size(1);
        int length = (int) in.size(2);
        int row = channels * length;
        FloatBuffer source = NdBuffers.floats(in);
        INDArray output = Nd4j.createUninitialized(DataType.FLOAT, in.shape());
        FloatBuffer out = NdBuffers.writable(output);
        float[] x = scratch.atLeast(0, row);
        float[] y = scratch.atLeast(1, row);
        float[][] taps = taps(channels);
        for (int offset = 0; offset < in.length(); offset += row) {
            source.get(offset, x, 0, row);
            java.util.Arrays.fill(y, 0, row, 0f);
            forEachTap(channels, length, (c, t, from, to, shift) -> {
                float w = taps[t][c];
                for (int i = from; i < to; i++) {
                    y[i] += w * x[i + shift];
                }
            });
            out.put(offset, y, 0, row);
        }
        return output;
    }

    @Override
    public INDArray backward(INDArray outputGradient, boolean inputGradient) {
        int channels = (int) input.size(1);
        int length = (int) input.size(2);
        int row = channels * length;
        FloatBuffer inputs = NdBuffers.floats(input);
        FloatBuffer gradients = NdBuffers.floats(outputGradient);
        INDArray result = inputGradient ? Nd4j.createUninitialized(DataType.FLOAT, input.shape()) : null;
        FloatBuffer out = result == null ? null : NdBuffers.writable(result);
        float[] x = scratch.atLeast(0, row);
        float[] g = scratch.atLeast(1, row);
        float[] dx = scratch.atLeast(2, row);
        float[][] taps = taps(channels);
        double[][] dw = new double[kernel()][channels];
        for (int offset = 0; offset < input.length(); offset += row) {
            inputs.get(offset, x, 0, row);
            gradients.get(offset, g, 0, row);
            java.util.Arrays.fill(dx, 0, row, 0f);
            forEachTap(channels, length, (c, t, from, to, shift) -> {
                float w = taps[t][c];
                dw[t][c] += Runs.dot(g, from, to, x, shift);
                for (int i = from; i < to; i++) {
                    dx[i + shift] += w * g[i];
                }
            });
            if (out != null) {
                out.put(offset, dx, 0, row);
            }
        }
        float[] flat = new float[kernel() * channels];
        for (int t = 0; t < kernel(); t++) {
            for (int c = 0; c < channels; c++) {
                flat[t * channels + c] = (float) dw[t][c];
            }
        }
        weightGradient.assign(Nd4j.create(flat, weightGradient.shape(), 'c'));
        return result;
    }

    /** What runs for tap t of channel c: output positions [from, to) read the input at position + shift. */
    private interface TapRun {
        void accept(int c, int t, int from, int to, int shift);
    }

    /** Each tap of each channel of one row, over the output positions whose input lies inside the sequence. */
    private void forEachTap(int channels, int length, TapRun run) {
        int pad = kernel() / 2;
        for (int c = 0; c < channels; c++) {
            int start = c * length;
            for (int t = 0; t < kernel(); t++) {
                int shift = t - pad;
                run.accept(c, t, start + Math.max(0, -shift), start + Math.min(length, length - shift), shift);
            }
        }
    }

}
