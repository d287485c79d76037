package org.regshift.model.net;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Gaussian negative log-likelihood of (mean, log-variance) outputs:
 * {@code 0.5 * (logvar + (y - mu)^2 / exp(logvar))} per example (the constant 0.5 log 2 pi left
 * out), with the log-variance clamped below at {@value #LOG_VARIANCE_FLOOR} (the variance floor).
 * With {@code beta > 0} it is the beta-NLL of Seitzer et al. (2022): each example's loss weighted
 * by its variance^beta, the weight held constant in the gradient (a stop-gradient), which keeps
 * high-variance examples from being ignored by the mean.
 */
public class GaussianNll extends TwoColumnLoss {
    private static final long serialVersionUID = 1L;
    public static final double LOG_VARIANCE_FLOOR = -9.0;
    private double beta;

    public GaussianNll() {
        // beta 0: the plain NLL; also for JSON deserialisation of saved models
    }

    public GaussianNll(double beta) {
        this.beta = beta;
    }

    public double getBeta() {
        return beta;
    }

    public void setBeta(double beta) {
        this.beta = beta;
    }

    private static INDArray clamped(INDArray rawLogvar) {
        return Transforms.max(rawLogvar, LOG_VARIANCE_FLOOR, true);
    }

    /** var^beta, or null for the plain NLL. */
    private INDArray weight(INDArray logvar) {
        return beta == 0 ? null : Transforms.exp(logvar.mul(beta), false);
    }

    @Override
    INDArray perExample(INDArray mu, INDArray rawLogvar, INDArray y) {
        INDArray logvar = clamped(rawLogvar);
        INDArray sq = y.sub(mu);
        sq.muli(sq).muli(Transforms.exp(logvar.neg(), false));
        INDArray loss = logvar.add(sq).muli(0.5);
        INDArray weight = weight(logvar);
        return (weight == null ? loss : loss.muli(weight)).reshape(-1, 1);
    }

    @Override
    void gradient(INDArray mu, INDArray rawLogvar, INDArray y, INDArray dOut) {
        INDArray logvar = clamped(rawLogvar);
        INDArray precision = Transforms.exp(logvar.neg(), false);
        INDArray residual = y.sub(mu);
        INDArray dMu = residual.mul(precision).negi();
        INDArray dLogvar = residual.mul(residual).muli(precision).rsubi(1.0).muli(0.5);
        dLogvar.muli(rawLogvar.gt(LOG_VARIANCE_FLOOR).castTo(dLogvar.dataType()));
        INDArray weight = weight(logvar);
        if (weight != null) {
            dMu.muli(weight);
            dLogvar.muli(weight);
        }
        dOut.putColumn(0, dMu);
        dOut.putColumn(1, dLogvar);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GaussianNll other && other.beta == beta;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(beta);
    }

    @Override
    public String toString() {
        return "GaussianNll(beta=" + beta + ")";
    }
}
