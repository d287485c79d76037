package org.regshift.model.lean;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.regshift.model.net.NdBuffers;

/**
 * Batch normalisation per channel of [batch, channels, ...] activations, as DL4J's layer computes
 * it, optionally followed by SiLU: in training, with the mean and (biased) variance of the whole
 * batch, which the twins that share it combine through {@link TwinSums} (so a step on two twins
 * equals the step on one); at inference, with the running statistics, which
 * {@link #updateRunningStatistics} moves towards each step's batch statistics after the step.
 * Normalisation, SiLU (with {@link Sigmoids}) and both backward passes are fused loops over Java
 * copies of the activations (a profile of LegNet found batch norm and SiLU as chains of libnd4j
 * element-wise operations the largest cost). The twin's layers share {@code scratch}.
 */
final class LeanBatchNorm implements LeanLayer {
    private final float[] gamma;
    private final float[] beta;
    private final INDArray gammaView;
    private final INDArray betaView;
    private final INDArray runningMean;
    private final INDArray runningVariance;
    private final INDArray gammaGradient;
    private final INDArray betaGradient;
    private final double epsilon;
    private final double decay;
    private final boolean silu;
    private final TwinSums sums;
    private final int twin;
    private final NdBuffers.Scratch scratch;
    private long[] shape;
    private int rows;
    private int channels;
    private int positions;
    private boolean training;
    private INDArray input;
    private INDArray siluDerivative;
    private double[] mean;
    private double[] variance;
    private double[] inverseSd;
    private double count;

    /**
     * {@code gamma} ... {@code betaGradient} are views of the network's parameters and of the twin's
     * gradient; {@code decay} is the weight of the running statistics in their update; {@code silu}
     * whether SiLU follows.
     */
    LeanBatchNorm(INDArray gamma, INDArray beta, INDArray runningMean, INDArray runningVariance, INDArray gammaGradient,
                  INDArray betaGradient, double epsilon, double decay, boolean silu, TwinSums sums, int twin,
                  NdBuffers.Scratch scratch) {
        this.gammaView = gamma;
        this.betaView = beta;
        this.gamma = new float[(int) gamma.length()];
        this.beta = new float[(int) beta.length()];
        this.runningMean = runningMean.reshape(runningMean.length());
        this.runningVariance = runningVariance.reshape(runningVariance.length());
        this.gammaGradient = gammaGradient == null ? null : gammaGradient.reshape(gammaGradient.length());
        this.betaGradient = betaGradient == null ? null : betaGradient.reshape(betaGradient.length());
        this.epsilon = epsilon;
        this.decay = decay;
        this.silu = silu;
        this.sums = sums;
        this.twin = twin;
        this.scratch = scratch;
    }

    /** This layer with SiLU after it. */
    LeanBatchNorm withSilu() {
        return new LeanBatchNorm(gammaView, betaView, runningMean, runningVariance, gammaGradient, betaGradient, epsilon, decay,
                true, sums, twin, scratch);
    }

    @Override
    public INDArray forward(INDArray in, boolean training) {
        this.training = training;
        shape = in.shape();
        rows = (int) in.size(0);
        channels = (int) in.size(1);
        positions = (int) (in.length() / rows / channels);
        input = in;
        NdBuffers.floats(gammaView).get(gamma);
        NdBuffers.floats(betaView).get(beta);
        FloatBuffer source = NdBuffers.floats(in);
        if (training) {
            batchStatistics(source);
        } else {
            mean = runningMean.toDoubleVector();
            variance = runningVariance.toDoubleVector();
            inverseSd = inverseSd(variance);
        }
        INDArray output = Nd4j.createUninitialized(DataType.FLOAT, shape);
        FloatBuffer out = NdBuffers.writable(output);
        // at inference a backward pass computes the derivative again: prediction keeps one array less
        siluDerivative = training && silu ? Nd4j.createUninitialized(DataType.FLOAT, shape) : null;
        FloatBuffer derivative = siluDerivative == null ? null : NdBuffers.writable(siluDerivative);
        float[] x = scratch.atLeast(0, rowLength());
        float[] y = scratch.atLeast(1, rowLength());
        forEachRow(offset -> {
            source.get(offset, x, 0, rowLength());
            if (silu) {
                normaliseSilu(x, y);
            } else {
                normalise(x, y);
            }
            out.put(offset, y, 0, rowLength());
            if (derivative != null) {
                derivative.put(offset, x, 0, rowLength());
            }
        });
        return output;
    }

    /** y = gamma (x - mean) / sd + beta over one row. */
    private void normalise(float[] x, float[] y) {
        forEachChannel((c, from, to) -> {
            float a = scale(c);
            float b = shift(c);
            for (int i = from; i < to; i++) {
                y[i] = x[i] * a + b;
            }
        });
    }

    /**
     * y = SiLU of the normalised x over one row, and in x SiLU's derivative there. Separate loops
     * over the whole row: the JIT vectorises these, not one fused loop nor loops over one channel's
     * positions (twice the time in a profile of LegNet).
     */
    private void normaliseSilu(float[] x, float[] y) {
        for (int c = 0; c < channels; c++) {
            float a = scale(c);
            float b = shift(c);
            int from = c * positions;
            int to = from + positions;
            for (int i = from; i < to; i++) {
                x[i] = x[i] * a + b;
            }
        }
        int n = rowLength();
        for (int i = 0; i < n; i++) {
            y[i] = Sigmoids.sigmoid(x[i]);
        }
        for (int i = 0; i < n; i++) {
            float s = y[i];
            float v = x[i];
            y[i] = v * s;
            x[i] = s + v * s * (1 - s);
        }
    }

    private float scale(int c) {
        return (float) (inverseSd[c] * gamma[c]);
    }

    private float shift(int c) {
        return (float) (beta[c] - mean[c] * inverseSd[c] * gamma[c]);
    }

    /**
     * The step's mean and variance over the whole batch: sums over this twin's share, added over
     * the twins; two passes, each a row at a time.
     */
    private void batchStatistics(FloatBuffer source) {
        float[] x = scratch.atLeast(0, rowLength());
        double[] local = new double[channels + 1];
        forEachRow(offset -> {
            source.get(offset, x, 0, rowLength());
            forEachChannel((c, from, to) -> local[c] += Runs.sum(x, from, to));
        });
        local[channels] = (double) rows * positions;
        double[] total = sums.sum(twin, local);
        count = total[channels];
        mean = new double[channels];
        for (int c = 0; c < channels; c++) {
            mean[c] = total[c] / count;
        }
        double[] squares = new double[channels];
        float[] centres = toFloats(mean);
        forEachRow(offset -> {
            source.get(offset, x, 0, rowLength());
            forEachChannel((c, from, to) -> squares[c] += Runs.squaredDeviations(x, from, to, centres[c]));
        });
        double[] totalSquares = sums.sum(twin, squares);
        variance = new double[channels];
        for (int c = 0; c < channels; c++) {
            variance[c] = totalSquares[c] / count;
        }
        inverseSd = inverseSd(variance);
    }

    private double[] inverseSd(double[] v) {
        double[] inverse = new double[v.length];
        for (int c = 0; c < v.length; c++) {
            inverse[c] = 1 / Math.sqrt((float) (v[c] + epsilon));
        }
        return inverse;
    }

    @Override
    public INDArray backward(INDArray outputGradient, boolean inputGradient) {
        FloatBuffer gradients = NdBuffers.floats(outputGradient);
        FloatBuffer inputs = NdBuffers.floats(input);
        FloatBuffer derivatives = siluDerivative == null ? null : NdBuffers.floats(siluDerivative);
        float[] g = scratch.atLeast(0, rowLength());
        float[] y = scratch.atLeast(1, rowLength());
        float[] x = scratch.atLeast(2, rowLength());
        float[] silus = silu && derivatives == null ? scratch.atLeast(3, rowLength()) : null;
        // the gradient at the normalised values of one row into g, the row's input into x
        RowRun read = offset -> {
            gradients.get(offset, g, 0, rowLength());
            inputs.get(offset, x, 0, rowLength());
            if (derivatives != null) {
                derivatives.get(offset, y, 0, rowLength());
                multiply(g, y);
            } else if (silu) {
                System.arraycopy(x, 0, y, 0, rowLength());
                normaliseSilu(y, silus);
                multiply(g, y);
            }
        };
        INDArray result = inputGradient ? Nd4j.createUninitialized(DataType.FLOAT, shape) : null;
        FloatBuffer out = result == null ? null : NdBuffers.writable(result);
        if (!training) {
            forEachRow(offset -> {
                read.row(offset);
                forEachChannel((c, from, to) -> {
                    float a = scale(c);
                    for (int i = from; i < to; i++) {
                        g[i] *= a;
                    }
                });
                out.put(offset, g, 0, rowLength());
            });
            return result;
        }
        double[] local = new double[2 * channels];
        float[] centres = toFloats(mean);
        forEachRow(offset -> {
            read.row(offset);
            forEachChannel((c, from, to) -> Runs.addSumAndDotDeviations(g, x, from, to, centres[c], local, c, channels + c));
        });
        for (int c = 0; c < channels; c++) {
            local[channels + c] *= inverseSd[c];
        }
        betaGradient.assign(Nd4j.createFromArray(java.util.Arrays.copyOfRange(local, 0, channels)).castTo(DataType.FLOAT));
        gammaGradient.assign(Nd4j.createFromArray(java.util.Arrays.copyOfRange(local, channels, 2 * channels)).castTo(DataType.FLOAT));
        if (!inputGradient) {
            return null;
        }
        double[] total = sums.sum(twin, local);
        // dx = gamma / sd x (g - mean(g) - normalised x mean(g x normalised)), the means over the whole batch
        forEachRow(offset -> {
            read.row(offset);
            forEachChannel((c, from, to) -> {
                double scale = gamma[c] * inverseSd[c];
                float a = (float) scale;
                float b = (float) (-scale * inverseSd[c] * total[channels + c] / count);
                float d = (float) (-scale * total[c] / count - b * mean[c]);
                for (int i = from; i < to; i++) {
                    g[i] = g[i] * a + x[i] * b + d;
                }
            });
            out.put(offset, g, 0, rowLength());
        });
        return result;
    }

    private void multiply(float[] g, float[] d) {
        for (int i = 0; i < rowLength(); i++) {
            g[i] *= d[i];
        }
    }

    /** Moves the running statistics towards the last training step's batch statistics. */
    void updateRunningStatistics() {
        runningMean.muli(decay).addi(Nd4j.createFromArray(mean).castTo(DataType.FLOAT).muli(1 - decay));
        runningVariance.muli(decay).addi(Nd4j.createFromArray(variance).castTo(DataType.FLOAT).muli(1 - decay));
    }

    private static float[] toFloats(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }

    private int rowLength() {
        return channels * positions;
    }

    /** What runs on one row (one sequence's activations, channel-major), which starts at {@code offset}. */
    private interface RowRun {
        void row(int offset);
    }

    /**
     * Each row in turn: a row is a few hundred kilobytes, so the passes over its Java copy stay in
     * cache and each pass over the whole batch reads native memory once.
     */
    private void forEachRow(RowRun run) {
        for (int r = 0; r < rows; r++) {
            run.row(r * rowLength());
        }
    }

    /** What runs on each channel c's run [from, to) of a row. */
    private interface ChannelRun {
        void accept(int c, int from, int to);
    }

    private void forEachChannel(ChannelRun run) {
        for (int c = 0; c < channels; c++) {
            run.accept(c, c * positions, (c + 1) * positions);
        }
    }
}
