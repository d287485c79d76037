package org.regshift.model.net;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * A loss on a two-column output (mean, log-variance) against labels [batch, 2] whose column 0 is
 * the target (column 1 is ignored). Subclasses give the per-example loss and its gradient.
 */
abstract class TwoColumnLoss implements ILossFunction {
    private static final long serialVersionUID = 1L;

    /** Per-example loss as a column [batch, 1]. */
    abstract INDArray perExample(INDArray mu, INDArray rawLogvar, INDArray y);

    /** Writes d loss / d mu and d loss / d raw log-variance into the two columns of {@code dOut}. */
    abstract void gradient(INDArray mu, INDArray rawLogvar, INDArray y, INDArray dOut);

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask, boolean average) {
        INDArray perExample = computeScoreArray(labels, preOutput, activationFn, mask);
        double sum = perExample.sumNumber().doubleValue();
        return average ? sum / perExample.size(0) : sum;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray out = activationFn.getActivation(preOutput.dup(), false);
        return perExample(column(out, 0), column(out, 1), column(labels, 0));
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray out = activationFn.getActivation(preOutput.dup(), true);
        INDArray dOut = out.like();
        gradient(column(out, 0), column(out, 1), column(labels, 0), dOut);
        return activationFn.backprop(preOutput.dup(), dOut).getFirst();
    }

    private static INDArray column(INDArray a, int column) {
        return a.get(NDArrayIndex.all(), NDArrayIndex.point(column));
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return getClass().getSimpleName();
    }

    @Override
    public String toString() {
        return name() + "()";
    }
}
