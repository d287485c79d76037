package org.regshift.model.lean;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverted dropout, as DL4J's: in training each activation is kept with probability
 * {@code retain} and scaled by 1 / retain; at inference it is the identity.
 */
final class LeanDropout implements LeanLayer {
    private final double retain;
    private final Random random;
    private INDArray mask;
    private boolean training;

    LeanDropout(double retain, Random random) {
        this.retain = retain;
        this.random = random;
    }

    @Override
    public INDArray forward(INDArray in, boolean training) {
        this.training = training;
        if (!training) {
            return in;
        }
        mask = Nd4j.createUninitialized(DataType.FLOAT, in.shape());
        Nd4j.getExecutioner().exec(new BernoulliDistribution(mask, retain), random);
        mask.divi(retain);
        return in.mul(mask);
    }

    @Override
    public INDArray backward(INDArray outputGradient, boolean inputGradient) {
        return training ? outputGradient.muli(mask) : outputGradient;
    }
}
