package org.regshift.model;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Gaussian negative log-likelihood for a two-column output (mean, log-variance):
 * {@code 0.5 * (logvar + (y - mu)^2 / exp(logvar))} per example (the constant 0.5 log 2 pi left
 * out), with the log-variance clamped below at {@value #LOG_VARIANCE_FLOOR} (the variance floor).
 * Labels are [batch, 2] with the target in column 0; column 1 is ignored.
 */
public class GaussianNll implements ILossFunction {
    private static final long serialVersionUID = 1L;
    public static final double LOG_VARIANCE_FLOOR = -9.0;

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask, boolean average) {
        INDArray perExample = computeScoreArray(labels, preOutput, activationFn, mask);
        double sum = perExample.sumNumber().doubleValue();
        return average ? sum / perExample.size(0) : sum;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray out = activationFn.getActivation(preOutput.dup(), false);
        INDArray mu = out.get(NDArrayIndex.all(), NDArrayIndex.point(0));
        INDArray logvar = Transforms.max(out.get(NDArrayIndex.all(), NDArrayIndex.point(1)), LOG_VARIANCE_FLOOR, true);
        INDArray y = labels.get(NDArrayIndex.all(), NDArrayIndex.point(0));
        INDArray sq = y.sub(mu);
        sq.muli(sq).muli(Transforms.exp(logvar.neg(), false));
        return logvar.add(sq).muli(0.5).reshape(-1, 1);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray out = activationFn.getActivation(preOutput.dup(), true);
        INDArray mu = out.get(NDArrayIndex.all(), NDArrayIndex.point(0));
        INDArray rawLogvar = out.get(NDArrayIndex.all(), NDArrayIndex.point(1));
        INDArray logvar = Transforms.max(rawLogvar, LOG_VARIANCE_FLOOR, true);
        INDArray precision = Transforms.exp(logvar.neg(), false);
        INDArray residual = labels.get(NDArrayIndex.all(), NDArrayIndex.point(0)).sub(mu);
        INDArray dMu = residual.mul(precision).negi();
        INDArray dLogvar = residual.mul(residual).muli(precision).rsubi(1.0).muli(0.5);
        dLogvar.muli(rawLogvar.gt(LOG_VARIANCE_FLOOR).castTo(dLogvar.dataType()));
        INDArray dOut = out.like();
        dOut.putColumn(0, dMu);
        dOut.putColumn(1, dLogvar);
        return activationFn.backprop(preOutput.dup(), dOut).getFirst();
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return "GaussianNll";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GaussianNll;
    }

    @Override
    public int hashCode() {
        return GaussianNll.class.hashCode();
    }

    @Override
    public String toString() {
        return "GaussianNll()";
    }
}
