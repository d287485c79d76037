package org.regshift.model.lean;

import org.nd4j.linalg.api.ndarray.INDArray;

/** One of the data-parallel copies of a network that {@link Twins} runs, each on its own thread. */
public interface Replica {
    /** Writes {@code scale} x the gradient of the rows' summed loss into {@link #gradient()}; returns the summed loss. */
    double computeGradient(INDArray[] inputs, INDArray labels, double scale);

    /** The (mean, log-variance) output of the rows, as the graph computes it. */
    INDArray output(INDArray[] inputs);

    /** Work after the optimiser's step on the gradients of the last {@link #computeGradient}: none by default. */
    default void afterStep() {
    }

    /** The gradient array, laid out as {@link org.deeplearning4j.nn.graph.ComputationGraph#getFlattenedGradients()}. */
    INDArray gradient();
}
