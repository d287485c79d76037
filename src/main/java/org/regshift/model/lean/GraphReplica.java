package org.regshift.model.lean;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A copy of a DL4J network that takes the original's parameters before each pass. */
final class GraphReplica implements Replica {
    private final ComputationGraph original;
    private final ComputationGraph copy;

    GraphReplica(ComputationGraph original) {
        this.original = original;
        this.copy = original.clone();
        copy.initGradientsView();
    }

    @Override
    public double computeGradient(INDArray[] inputs, INDArray labels, double scale) {
        copy.params().assign(original.params());
        copy.setInputs(inputs);
        copy.setLabels(labels);
        copy.computeGradientAndScore();
        // DL4J's gradient is of the summed loss (its updater divides by the batch size), its score the mean
        copy.getFlattenedGradients().muli(scale);
        return copy.score() * labels.size(0);
    }

    @Override
    public INDArray output(INDArray[] inputs) {
        copy.params().assign(original.params());
        return copy.outputSingle(false, inputs);
    }

    @Override
    public INDArray gradient() {
        return copy.getFlattenedGradients();
    }
}
