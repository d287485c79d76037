package org.regshift.model.lean;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;
import org.regshift.model.net.NdBuffers;

/**
 * Batch normalisation per channel of [batch, channels, ...] activations, as DL4J's layer computes
 * it, optionally followed by SiLU: in training, with the mean and (biased) variance of the whole
 * batch, which the twins that share it combine through {@link TwinSums} (so a step on two twins
 * equals the step on one); at inference, with the running statistics, which
 * {@link #updateRunningStatistics} moves towards each step's batch statistics after the step.
 * Normalisation, SiLU's product and both backward passes are fused loops over Java copies of the
 * activations (a profile of LegNet found batch norm and SiLU as chains of libnd4j element-wise
 * operations the largest cost); only the sigmoid runs as a libnd4j operation. The twin's layers
 * share {@code scratch}.
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
        int n = (int) in.length();
        input = in;
        NdBuffers.floats(gammaView).get(gamma);
        NdBuffers.floats(betaView).get(beta);
        float[] x = scratch.atLeast(0, n);
        NdBuffers.floats(in).get(x, 0, n);
        if (training) {
            batchStatistics(x);
        } else {
            mean = runningMean.toDoubleVector();
            variance = runningVariance.toDoubleVector();
            inverseSd = inverseSd(variance);
        }
        float[] y = scratch.atLeast(1, n);
        normalise(x, y);
        if (!silu) {
            return filled(y, n);
        }
        INDArray output = filled(y, n);
        Nd4j.exec(new Sigmoid(output, output));
        float[] s = scratch.atLeast(0, n);
        NdBuffers.floats(output).get(s, 0, n);
        for (int i = 0; i < n; i++) {
            y[i] *= s[i];
        }
        NdBuffers.writable(output).put(y, 0, n);
        // at inference the derivative is computed only if a backward pass asks for it: prediction keeps one array less
        siluDerivative = null;
        if (training) {
            for (int i = 0; i < n; i++) {
                s[i] += y[i] * (1 - s[i]);
            }
            siluDerivative = filled(s, n);
        }
        return output;
    }

    /** y = gamma (x - mean) / sd + beta. */
    private void normalise(float[] x, float[] y) {
        forEachChannel((c, from, to) -> {
            float a = (float) (inverseSd[c] * gamma[c]);
            float b = (float) (beta[c] - mean[c] * inverseSd[c] * gamma[c]);
            for (int i = from; i < to; i++) {
                y[i] = x[i] * a + b;
            }
        });
    }

    /** SiLU's derivative at the normalised input, into scratch slot 1: kept from training, else computed again. */
    private float[] siluDerivative(int n) {
        float[] d = scratch.atLeast(1, n);
        if (siluDerivative != null) {
            NdBuffers.floats(siluDerivative).get(d, 0, n);
            return d;
        }
        float[] x = scratch.atLeast(2, n);
        NdBuffers.floats(input).get(x, 0, n);
        normalise(x, x);
        INDArray sigmoid = Nd4j.exec(new Sigmoid(filled(x, n), Nd4j.createUninitialized(DataType.FLOAT, shape)));
        NdBuffers.floats(sigmoid).get(d, 0, n);
        for (int i = 0; i < n; i++) {
            d[i] += x[i] * d[i] * (1 - d[i]);
        }
        return d;
    }

    /** The step's mean and variance over the whole batch: sums over this twin's share, added over the twins. */
    private void batchStatistics(float[] x) {
        double[] local = new double[channels + 1];
        forEachChannel((c, from, to) -> local[c] += Runs.sum(x, from, to));
        local[channels] = (double) rows * positions;
        double[] total = sums.sum(twin, local);
        count = total[channels];
        mean = new double[channels];
        for (int c = 0; c < channels; c++) {
            mean[c] = total[c] / count;
        }
        double[] squares = new double[channels];
        float[] centres = toFloats(mean);
        forEachChannel((c, from, to) -> squares[c] += Runs.squaredDeviations(x, from, to, centres[c]));
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
        int n = (int) outputGradient.length();
        float[] g = scratch.atLeast(0, n);
        NdBuffers.floats(outputGradient).get(g, 0, n);
        if (silu) {
            float[] d = siluDerivative(n);
            for (int i = 0; i < n; i++) {
                g[i] *= d[i];
            }
        }
        if (!training) {
            forEachChannel((c, from, to) -> {
                float a = (float) (inverseSd[c] * gamma[c]);
                for (int i = from; i < to; i++) {
                    g[i] *= a;
                }
            });
            return filled(g, n);
        }
        float[] x = scratch.atLeast(2, n);
        NdBuffers.floats(input).get(x, 0, n);
        double[] local = new double[2 * channels];
        float[] centres = toFloats(mean);
        forEachChannel((c, from, to) -> {
            local[c] += Runs.sum(g, from, to);
            local[channels + c] += Runs.dotDeviations(g, x, from, to, centres[c]);
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
        forEachChannel((c, from, to) -> {
            double scale = gamma[c] * inverseSd[c];
            float a = (float) scale;
            float b = (float) (-scale * inverseSd[c] * total[channels + c] / count);
            float d = (float) (-scale * total[c] / count - b * mean[c]);
            for (int i = from; i < to; i++) {
                g[i] = g[i] * a + x[i] * b + d;
            }
        });
        return filled(g, n);
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

    /** A new array of the activations' shape holding the first {@code n} values. */
    private INDArray filled(float[] values, int n) {
        return NdBuffers.filled(values, n, shape);
    }

    /** What runs on each contiguous run [from, to) of one row's channel c. */
    private interface ChannelRun {
        void accept(int c, int from, int to);
    }

    private void forEachChannel(ChannelRun run) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < channels; c++) {
                int from = (r * channels + c) * positions;
                run.accept(c, from, from + positions);
            }
        }
    }
}
