package org.regshift.model.lean;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Batch normalisation per channel of [batch, channels, ...] activations, as DL4J's layer computes
 * it: in training, with the mean and (biased) variance of the whole batch, which the twins that
 * share it combine through {@link TwinSums} (so a step on two twins equals the step on one); at
 * inference, with the running statistics, which {@link #updateRunningStatistics} moves towards
 * each step's batch statistics after the step.
 */
final class LeanBatchNorm implements LeanLayer {
    private final INDArray gamma;
    private final INDArray beta;
    private final INDArray runningMean;
    private final INDArray runningVariance;
    private final INDArray gammaGradient;
    private final INDArray betaGradient;
    private final double epsilon;
    private final double decay;
    private final TwinSums sums;
    private final int twin;
    private long[] shape;
    private INDArray normalised;
    private INDArray inverseSd;
    private double[] batchMean;
    private double[] batchVariance;
    private double count;

    /**
     * {@code gamma} ... {@code betaGradient} are views of the network's parameters and of the twin's
     * gradient; {@code decay} is the weight of the running statistics in their update.
     */
    LeanBatchNorm(INDArray gamma, INDArray beta, INDArray runningMean, INDArray runningVariance, INDArray gammaGradient,
                  INDArray betaGradient, double epsilon, double decay, TwinSums sums, int twin) {
        this.gamma = gamma.reshape(gamma.length());
        this.beta = beta.reshape(beta.length());
        this.runningMean = runningMean.reshape(runningMean.length());
        this.runningVariance = runningVariance.reshape(runningVariance.length());
        this.gammaGradient = gammaGradient == null ? null : gammaGradient.reshape(gammaGradient.length());
        this.betaGradient = betaGradient == null ? null : betaGradient.reshape(betaGradient.length());
        this.epsilon = epsilon;
        this.decay = decay;
        this.sums = sums;
        this.twin = twin;
    }

    /** The activations as [batch, channels, rest]. */
    private static INDArray perChannel(INDArray a) {
        return a.reshape('c', a.size(0), a.size(1), a.length() / a.size(0) / a.size(1));
    }

    @Override
    public INDArray forward(INDArray in, boolean training) {
        shape = in.shape();
        INDArray x = perChannel(in);
        if (!training) {
            INDArray scale = Transforms.sqrt(runningVariance.add(epsilon), false).rdivi(1).muli(gamma);
            INDArray shift = beta.sub(runningMean.mul(scale));
            INDArray y = Broadcast.mul(x, scale, x.ulike(), 1);
            return Broadcast.add(y, shift, y, 1).reshape('c', shape);
        }
        long channels = x.size(1);
        double[] local = new double[(int) channels + 1];
        System.arraycopy(x.sum(0, 2).toDoubleVector(), 0, local, 0, (int) channels);
        local[(int) channels] = x.size(0) * x.size(2);
        double[] total = sums.sum(twin, local);
        count = total[(int) channels];
        batchMean = scaled(total, channels, 1 / count);
        INDArray centred = Broadcast.sub(x, vector(batchMean), x.ulike(), 1);
        batchVariance = scaled(sums.sum(twin, centred.mul(centred).sum(0, 2).toDoubleVector()), channels, 1 / count);
        inverseSd = Transforms.sqrt(vector(batchVariance).addi(epsilon), false).rdivi(1);
        normalised = Broadcast.mul(centred, inverseSd, centred, 1);
        INDArray y = Broadcast.mul(normalised, gamma, normalised.ulike(), 1);
        return Broadcast.add(y, beta, y, 1).reshape('c', shape);
    }

    /** {@code length} values from {@code from} on, times {@code scale}. */
    private static double[] scaled(double[] values, int from, long length, double scale) {
        double[] v = new double[(int) length];
        for (int i = 0; i < v.length; i++) {
            v[i] = values[from + i] * scale;
        }
        return v;
    }

    private static double[] scaled(double[] values, long length, double scale) {
        return scaled(values, 0, length, scale);
    }

    private static INDArray vector(double[] values) {
        return Nd4j.createFromArray(values).castTo(DataType.FLOAT);
    }

    @Override
    public INDArray backward(INDArray outputGradient, boolean inputGradient) {
        INDArray g = perChannel(outputGradient);
        long channels = g.size(1);
        INDArray localBeta = g.sum(0, 2);
        INDArray localGamma = g.mul(normalised).sum(0, 2);
        betaGradient.assign(localBeta);
        gammaGradient.assign(localGamma);
        if (!inputGradient) {
            return null;
        }
        double[] local = new double[2 * (int) channels];
        System.arraycopy(localBeta.toDoubleVector(), 0, local, 0, (int) channels);
        System.arraycopy(localGamma.toDoubleVector(), 0, local, (int) channels, (int) channels);
        double[] total = sums.sum(twin, local);
        INDArray meanBeta = vector(scaled(total, channels, 1 / count));
        INDArray meanGamma = vector(scaled(total, (int) channels, channels, 1 / count));
        // dx = gamma / sd x (g - mean(g) - normalised x mean(g x normalised)), the means over the whole batch
        INDArray dx = Broadcast.mul(normalised, meanGamma, normalised.ulike(), 1).rsubi(g);
        Broadcast.sub(dx, meanBeta, dx, 1);
        return Broadcast.mul(dx, inverseSd.mul(gamma), dx, 1).reshape('c', shape);
    }

    /** Moves the running statistics towards the last training step's batch statistics. */
    void updateRunningStatistics() {
        runningMean.muli(decay).addi(vector(batchMean).muli(1 - decay));
        runningVariance.muli(decay).addi(vector(batchVariance).muli(1 - decay));
    }
}
