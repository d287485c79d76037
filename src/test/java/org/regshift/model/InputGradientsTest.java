package org.regshift.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.learning.config.Adam;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.regshift.model.net.Architecture;
import org.regshift.model.net.Loss;
import org.regshift.model.net.Networks;

/** Gradients of the ensemble mean with respect to the input, against central finite differences. */
class InputGradientsTest {
    private static ModelBundle bundle(String architecture) {
        List<ModelBundle.Member> members = List.of(
                new ModelBundle.Member(network(architecture, 1), 1, 0, 0, Double.NaN, Double.NaN, Double.NaN),
                new ModelBundle.Member(network(architecture, 2), 2, 0, 0, Double.NaN, Double.NaN, Double.NaN));
        // a large target SD scales every derivative well above float noise and the tolerance
        return new ModelBundle(architecture, 40, 0.5, 200.0, Loss.GAUSSIAN_NLL, null, null, Map.of(), members);
    }

    /**
     * A fresh network; LegNet's dense layers start at normal(0, 0.001), so its head is scaled up to
     * give derivatives above float noise, and its batch norms get running statistics of their own.
     */
    private static ComputationGraph network(String architecture, int seed) {
        ComputationGraph net = Networks.create(Architecture.parse(architecture), 40, 0, Loss.GAUSSIAN_NLL, new Adam(1e-3), seed);
        if (architecture.equals("legnet")) {
            net.getLayer("head").getParam("W").muli(500);
            net.getLayer(Networks.OUTPUT).getParam("W").muli(500);
            for (org.deeplearning4j.nn.api.Layer layer : net.getLayers()) {
                if (layer instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization) {
                    layer.getParam("mean").assign(0.1);
                    layer.getParam("var").assign(2);
                }
            }
        }
        return net;
    }

    private static double mean(ModelBundle b, INDArray x) {
        double sum = 0;
        for (ModelBundle.Member m : b.members()) {
            sum += m.network().outputSingle(false, x).getDouble(0, 0) * b.targetSd() + b.targetMean();
        }
        return sum / b.members().size();
    }

    @Test
    void matchFiniteDifferencesAtEveryPositionOfEachArchitecture() {
        for (String architecture : List.of("cnn", "cnn-reference", "legnet", "bilstm")) {
            ModelBundle b = bundle(architecture);
            InputGradients gradients = new InputGradients(b);
            INDArray x = OneHot.encode(List.of("ACGTTGCAAGGCTTACGATCGATCGGATCGATTTACGGCA"), 40);
            INDArray g = gradients.ofMean(new INDArray[] {x});
            assertThat(g.shape()).containsExactly(1, 4, 40);
            // LegNet's deep float pipeline rounds an output change of 2e-3 x its small derivatives to noise
            double h = architecture.equals("legnet") ? 1e-2 : 2e-3;
            double[] numeric = new double[4 * 40];
            double[] analytic = new double[numeric.length];
            for (int p = 0; p < 40; p++) {
                for (int c = 0; c < 4; c++) {
                    INDArray up = x.dup();
                    up.putScalar(new long[] {0, c, p}, x.getDouble(0, c, p) + h);
                    INDArray down = x.dup();
                    down.putScalar(new long[] {0, c, p}, x.getDouble(0, c, p) - h);
                    numeric[4 * p + c] = (mean(b, up) - mean(b, down)) / (2 * h);
                    analytic[4 * p + c] = g.getDouble(0, c, p);
                }
            }
            double scale = Arrays.stream(numeric).map(Math::abs).max().orElseThrow();
            assertThat(scale).as("%s: derivatives large enough to tell a gradient from zero", architecture).isGreaterThan(0.1);
            double error = 0;
            double norm = 0;
            for (int i = 0; i < numeric.length; i++) {
                error += (analytic[i] - numeric[i]) * (analytic[i] - numeric[i]);
                norm += numeric[i] * numeric[i];
            }
            // a max-pooling or ReLU switch inside [x - h, x + h] bends a few differences: the whole vector is compared
            assertThat(Math.sqrt(error / norm)).as("%s: relative error over all positions", architecture).isLessThan(0.05);
            assertThat(new PearsonsCorrelation().correlation(analytic, numeric)).as(architecture).isGreaterThan(0.99);
        }
    }

    @Test
    void leaveTheBundlesOwnNetworksUntouched() {
        ModelBundle b = bundle("cnn");
        ComputationGraph original = b.members().get(0).network();
        String before = original.getConfiguration().toJson();
        INDArray weights = original.params().dup();
        new InputGradients(b).ofMean(new INDArray[] {OneHot.encode(List.of("ACGT".repeat(10)), 40)});
        assertThat(original.getConfiguration().toJson()).isEqualTo(before);
        assertThat(original.params()).as("the weights").isEqualTo(weights);
    }
}
