package org.regshift.model.lean;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Swish;
import org.nd4j.linalg.api.ops.impl.transforms.strict.SwishDerivative;
import org.nd4j.linalg.factory.Nd4j;

/** The activations of the lean layers, forward and backward on libnd4j operations. */
enum LeanActivation {
    IDENTITY, RELU, SWISH, SIGMOID;

    /** The lean form of a DL4J activation. */
    static LeanActivation of(IActivation activation) {
        if (activation instanceof ActivationIdentity) {
            return IDENTITY;
        }
        if (activation instanceof ActivationReLU r && r.getMax() == null && zero(r.getThreshold()) && zero(r.getNegativeSlope())) {
            return RELU;
        }
        if (activation instanceof ActivationSwish) {
            return SWISH;
        }
        if (activation instanceof ActivationSigmoid) {
            return SIGMOID;
        }
        throw new LeanNetwork.Unsupported("activation " + activation + " (the lean engine has ReLU, SiLU, sigmoid and the identity)");
    }

    private static boolean zero(Double value) {
        return value == null || value == 0;
    }

    /** The activation of {@code x}: in place, except SiLU, whose backward pass needs {@code x}. */
    INDArray forward(INDArray x) {
        return switch (this) {
            case IDENTITY -> x;
            case RELU -> LeanOps.relu(x);
            case SWISH -> Nd4j.exec(new Swish(x, x.ulike()));
            case SIGMOID -> Nd4j.exec(new Sigmoid(x, x));
        };
    }

    /**
     * The gradient with respect to the activation's input, in place in {@code gradient}, from its
     * input {@code x} (SiLU) or its output (the others).
     */
    INDArray backward(INDArray x, INDArray output, INDArray gradient) {
        return switch (this) {
            case IDENTITY -> gradient;
            case RELU -> LeanOps.reluBackward(output, gradient);
            case SWISH -> gradient.muli(Nd4j.exec(new SwishDerivative(x, x.ulike())));
            case SIGMOID -> gradient.muli(output.rsub(1).muli(output));
        };
    }
}
