package org.regshift.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.learning.config.Adam;
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
                new ModelBundle.Member(Networks.create(Architecture.parse(architecture), 40, 0, Loss.GAUSSIAN_NLL, new Adam(1e-3), 1), 1, 0, 0,
                        Double.NaN, Double.NaN, Double.NaN),
                new ModelBundle.Member(Networks.create(Architecture.parse(architecture), 40, 0, Loss.GAUSSIAN_NLL, new Adam(1e-3), 2), 2, 0, 0,
                        Double.NaN, Double.NaN, Double.NaN));
        return new ModelBundle(architecture, 40, 0.5, 2.0, Loss.GAUSSIAN_NLL, null, null, Map.of(), members);
    }

    private static double mean(ModelBundle b, INDArray x) {
        double sum = 0;
        for (ModelBundle.Member m : b.members()) {
            sum += m.network().outputSingle(false, x).getDouble(0, 0) * b.targetSd() + b.targetMean();
        }
        return sum / b.members().size();
    }

    @Test
    void matchFiniteDifferencesThroughEveryLayerOfEachArchitecture() {
        for (String architecture : List.of("cnn", "cnn-reference")) {
            ModelBundle b = bundle(architecture);
            InputGradients gradients = new InputGradients(b);
            INDArray x = OneHot.encode(List.of("ACGTTGCAAGGCTTACGATCGATCGGATCGATTTACGGCA"), 40);
            INDArray g = gradients.ofMean(new INDArray[] {x});
            assertThat(g.shape()).containsExactly(1, 4, 40);
            double h = 1e-2;
            for (int p : new int[] {0, 7, 20, 39}) {
                for (int c = 0; c < 4; c++) {
                    INDArray up = x.dup();
                    up.putScalar(new long[] {0, c, p}, x.getDouble(0, c, p) + h);
                    INDArray down = x.dup();
                    down.putScalar(new long[] {0, c, p}, x.getDouble(0, c, p) - h);
                    double numeric = (mean(b, up) - mean(b, down)) / (2 * h);
                    assertThat(g.getDouble(0, c, p)).as("%s position %d base %d", architecture, p, c)
                            .isCloseTo(numeric, within(2e-3 + 0.02 * Math.abs(numeric)));
                }
            }
        }
    }

    @Test
    void leaveTheBundlesOwnNetworksUntouched() {
        ModelBundle b = bundle("cnn");
        ComputationGraph original = b.members().get(0).network();
        String before = original.getConfiguration().toJson();
        new InputGradients(b).ofMean(new INDArray[] {OneHot.encode(List.of("ACGT".repeat(10)), 40)});
        assertThat(original.getConfiguration().toJson()).isEqualTo(before);
    }
}
