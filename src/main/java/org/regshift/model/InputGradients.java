package org.regshift.model;

import java.util.List;
import java.util.function.Function;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.regshift.model.lean.Engine;
import org.regshift.model.lean.LeanInputGradients;
import org.regshift.model.net.Networks;

/**
 * Gradients of an ensemble's predicted mean with respect to its one-hot input, which DL4J's
 * ComputationGraph does not expose: a forward pass that keeps every vertex's input, then the
 * vertices' own backward passes in reverse topological order, starting from the output layer's
 * weights for the mean and summing the errors that reach each vertex, in inference mode (no
 * dropout). Prior features, when the model has them,
 * are held at the sequence's values: the gradient flows through the sequence input only.
 */
public final class InputGradients {
    private final ModelBundle bundle;
    private final List<Function<INDArray[], INDArray>> members;

    public InputGradients(ModelBundle bundle) {
        this.bundle = bundle;
        this.members = bundle.members().stream().map(m -> ofMean(m.network())).toList();
    }

    /** The inputs of a batch of sequences, as the bundle's networks take them. */
    public INDArray[] inputs(List<String> sequences) {
        return OneHot.inputs(sequences, bundle.length(), bundle.priors());
    }

    /** d(ensemble mean, in the target's units) / d(one-hot input): [batch, 4, length]. */
    public INDArray ofMean(INDArray[] inputs) {
        INDArray sum = null;
        double scale = bundle.targetSd() / bundle.members().size();
        for (Function<INDArray[], INDArray> member : members) {
            INDArray g = member.apply(inputs).muli(scale);
            sum = sum == null ? g : sum.addi(g);
        }
        return sum;
    }

    /**
     * d(mean output, standardised) / d(one-hot input) of one network's batches, in inference mode,
     * on the engine chosen once here: the lean engine where it runs the network (batch
     * normalisation with its running statistics), else DL4J's vertices.
     */
    public static Function<INDArray[], INDArray> ofMean(ComputationGraph net) {
        if (Engine.forInference(net, 1).engine() == Engine.LEAN) {
            return LeanInputGradients.of(net)::ofMean;
        }
        return inputs -> graphOfMean(net, inputs);
    }

    /** Through DL4J's vertices, with dropout switched off for the pass and restored after it. */
    private static INDArray graphOfMean(ComputationGraph net, INDArray[] inputs) {
        Layer[] layers = net.getLayers();
        IDropout[] dropout = new IDropout[layers.length];
        for (int i = 0; i < layers.length; i++) {
            dropout[i] = layers[i].conf().getLayer().getIDropout();
            layers[i].conf().getLayer().setIDropout(null);
        }
        try {
            if (net.getFlattenedGradients() == null) {
                net.initGradientsView();
            }
            return backward(net, inputs);
        } finally {
            for (int i = 0; i < layers.length; i++) {
                layers[i].conf().getLayer().setIDropout(dropout[i]);
            }
            net.clearLayersStates();
        }
    }

    private static INDArray backward(ComputationGraph net, INDArray[] inputs) {
        // the vertices' backward passes take the batch size from the graph's labels, else its inputs
        net.setLabels((INDArray[]) null);
        net.setInputs(inputs);
        net.feedForward(inputs, false, false);
        GraphVertex[] vertices = net.getVertices();
        for (GraphVertex v : vertices) {
            v.setEpsilon(null);
        }
        GraphVertex output = net.getVertex(Networks.OUTPUT);
        INDArray w = output.getLayer().getParam("W");
        INDArray seed = w.getColumn(0).reshape(1, w.rows()).repeat(0, inputs[0].size(0));
        for (VertexIndices in : output.getInputVertices()) {
            vertices[in.getVertexIndex()].setEpsilon(seed);
        }
        int[] order = net.topologicalSortOrder();
        LayerWorkspaceMgr workspaces = LayerWorkspaceMgr.noWorkspaces();
        for (int i = order.length - 1; i >= 0; i--) {
            GraphVertex v = vertices[order[i]];
            if (v.isOutputVertex() || v.isInputVertex() || v.getEpsilon() == null) {
                continue;
            }
            Pair<Gradient, INDArray[]> backward = v.doBackward(false, workspaces);
            VertexIndices[] sources = v.getInputVertices();
            for (int j = 0; j < sources.length; j++) {
                GraphVertex source = vertices[sources[j].getVertexIndex()];
                INDArray error = backward.getSecond()[j];
                source.setEpsilon(source.getEpsilon() == null ? error.dup() : source.getEpsilon().add(error));
            }
        }
        return net.getVertex(Networks.SEQUENCE).getEpsilon().dup();
    }
}
