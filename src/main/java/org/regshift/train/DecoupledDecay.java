package org.regshift.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * AdamW's decoupled weight decay (Loshchilov and Hutter 2019), as PyTorch's AdamW applies it:
 * each step also takes lr_t x rate x the parameters as they were before the step, apart from the
 * updater's own step; a rate of 0 does nothing. Only the parameters where {@code learned} is 1
 * decay (not batch normalisation's running statistics, which PyTorch keeps as buffers).
 */
record DecoupledDecay(double rate, IUpdater updater, INDArray learned) {
    static final DecoupledDecay NONE = new DecoupledDecay(0, null, null);

    /** What the step at {@code iteration} will take off the parameters: null without decay. */
    INDArray before(INDArray params, int iteration) {
        return rate == 0 ? null : params.mul(learned.reshape(params.shape())).muli(rate * updater.getLearningRate(iteration, 0));
    }

    /** Takes it off, after the updater's step. */
    void after(INDArray params, INDArray decrement) {
        if (decrement != null) {
            params.subi(decrement);
        }
    }
}
