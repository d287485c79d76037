package org.regshift.model.net;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Builds the networks: input {@value #SEQUENCE} (one-hot [batch, 4, length]) through the
 * architecture's trunk to a vector; with priors, input {@value #PRIORS} ([batch, features])
 * concatenated to it; then the architecture's {@link Head} and the (mean, log-variance) output.
 */
public final class Networks {
    public static final String SEQUENCE = "sequence";
    public static final String PRIORS = "priors";
    public static final String OUTPUT = "output";

    private Networks() {
    }

    public static ComputationGraph create(Architecture architecture, int length, int priorFeatures, Loss loss, Adam adam,
                                          long seed) {
        return create(architecture::trunk, architecture.head(), length, priorFeatures, loss, adam, seed);
    }

    /** A network whose trunk {@code trunk} builds (returning the vector's vertex name). */
    public static ComputationGraph create(Function<Trunk, String> trunk, Head head, int length, int priorFeatures,
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
        String last = head(g, head, vector);
        OutputLayer.Builder output = new OutputLayer.Builder(loss.function()).nOut(2).activation(Activation.IDENTITY);
        if (head.weightSd() > 0) {
            output.weightInit(new NormalDistribution(0, head.weightSd()));
        }
        g.addLayer(OUTPUT, output.build(), last)
                .setOutputs(OUTPUT)
                .setInputTypes(types.toArray(InputType[]::new));
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        return net;
    }

    /** Adds the dense head after {@code vector}; returns the name of its last vertex. */
    private static String head(GraphBuilder g, Head head, String vector) {
        DenseLayer.Builder dense = new DenseLayer.Builder().nOut(head.units())
                .activation(head.batchNorm() ? Activation.IDENTITY : head.activation());
        if (head.dropout() > 0) {
            dense.dropOut(1 - head.dropout());
        }
        if (head.weightSd() > 0) {
            dense.weightInit(new NormalDistribution(0, head.weightSd()));
        }
        g.addLayer("head", dense.build(), vector);
        if (!head.batchNorm()) {
            return "head";
        }
        g.addLayer("head_bn", batchNorm(), "head").addLayer("head_activation", new ActivationLayer(head.activation()), "head_bn");
        return "head_activation";
    }

    /** 1 for each of {@code net}'s parameters that learns, 0 for the running statistics of batch normalisation. */
    public static INDArray learnedMask(ComputationGraph net) {
        INDArray mask = Nd4j.ones(DataType.FLOAT, 1, net.numParams());
        long start = net.params().offset();
        for (org.deeplearning4j.nn.api.Layer layer : net.getLayers()) {
            if (layer instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization) {
                for (String running : List.of(BatchNormalizationParamInitializer.GLOBAL_MEAN, BatchNormalizationParamInitializer.GLOBAL_VAR)) {
                    INDArray view = layer.getParam(running);
                    mask.get(NDArrayIndex.all(), NDArrayIndex.interval(view.offset() - start, view.offset() - start + view.length()))
                            .assign(0);
                }
            }
        }
        return mask;
    }

    /**
     * Batch normalisation as PyTorch's (epsilon 1e-5, running statistics moving by a tenth of the
     * batch's each step), keeping the running variance itself rather than DL4J's default log10 of
     * the standard deviation.
     */
    static BatchNormalization batchNorm() {
        return new BatchNormalization.Builder().eps(1e-5).decay(0.9).useLogStd(false).activation(Activation.IDENTITY).build();
    }
}
