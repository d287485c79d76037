package org.regshift.model.net;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Builds the networks: input {@value #SEQUENCE} (one-hot [batch, 4, length]) through the
 * architecture's trunk to a vector; with priors, input {@value #PRIORS} ([batch, features])
 * concatenated to it; then Dense 64 + ReLU and the (mean, log-variance) output.
 */
public final class Networks {
    public static final String SEQUENCE = "sequence";
    public static final String PRIORS = "priors";
    public static final String OUTPUT = "output";
    static final int HEAD_UNITS = 64;

    private Networks() {
    }

    public static ComputationGraph create(Architecture architecture, int length, int priorFeatures, Loss loss, Adam adam,
                                          long seed) {
        return create(architecture::trunk, architecture.headDropout(), length, priorFeatures, loss, adam, seed);
    }

    /** A network whose trunk {@code trunk} builds (returning the vector's vertex name). */
    public static ComputationGraph create(Function<Trunk, String> trunk, double headDropout, int length, int priorFeatures,
                                   Loss loss, Adam adam, long seed) {
        GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(adam)
                .weightInit(WeightInit.XAVIER)
                .graphBuilder();
        List<InputType> types = new ArrayList<>(List.of(InputType.recurrent(4, length)));
        g.addInputs(SEQUENCE);
        String vector = trunk.apply(new Trunk(g, SEQUENCE, 4, length));
        if (priorFeatures > 0) {
            g.addInputs(PRIORS);
            types.add(InputType.feedForward(priorFeatures));
            g.addVertex("with_priors", new MergeVertex(), vector, PRIORS);
            vector = "with_priors";
        }
        DenseLayer.Builder head = new DenseLayer.Builder().nOut(HEAD_UNITS).activation(Activation.RELU);
        if (headDropout > 0) {
            head.dropOut(1 - headDropout);
        }
        g.addLayer("head", head.build(), vector)
                .addLayer(OUTPUT, new OutputLayer.Builder(loss.function()).nOut(2).activation(Activation.IDENTITY).build(), "head")
                .setOutputs(OUTPUT)
                .setInputTypes(types.toArray(InputType[]::new));
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        return net;
    }
}
