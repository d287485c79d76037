package org.regshift.model.net;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Half the squared error of the mean output, {@code 0.5 * (y - mu)^2}; the log-variance output gets
 * no gradient. A model trained so has no variance of its own: {@code Predictor} uses the member's
 * validation mean squared error as its (constant) aleatoric variance.
 */
public class MeanSquaredError extends TwoColumnLoss {
    private static final long serialVersionUID = 1L;

    @Override
    INDArray perExample(INDArray mu, INDArray rawLogvar, INDArray y) {
        INDArray r = y.sub(mu);
        return r.muli(r).muli(0.5).reshape(-1, 1);
    }

    @Override
    void gradient(INDArray mu, INDArray rawLogvar, INDArray y, INDArray dOut) {
        dOut.putColumn(0, mu.sub(y));
        dOut.putColumn(1, rawLogvar.mul(0));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MeanSquaredError;
    }

    @Override
    public int hashCode() {
        return MeanSquaredError.class.hashCode();
    }
}
