package org.regshift.model.lean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.regshift.model.lean.LeanTesting.LENGTH;
import static org.regshift.model.lean.LeanTesting.labels;
import static org.regshift.model.lean.LeanTesting.maxDifference;
import static org.regshift.model.lean.LeanTesting.sequences;
import java.util.Random;
import org.nd4j.linalg.learning.config.Adam;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.regshift.model.net.Head;
import org.regshift.model.net.Loss;
import org.regshift.model.net.Networks;

/** The lean engine's passes against DL4J's, and its layers against finite differences. */
class LeanNetworkTest {
    @Test
    void gradientsEqualDl4jThroughStackedConvolutionsAPoolWithARemainderAndBetaNll() {
        Random random = new Random(4);
        ComputationGraph net = Networks.create(t -> t.conv(8, 5, true, Activation.RELU).maxPool(3)
                .conv(6, 3, true, Activation.RELU).conv(5, 3, false, Activation.IDENTITY).globalMaxPool(),
                Head.plain(0), LENGTH, 2, Loss.BETA_NLL, new Adam(1e-3), 9);
        INDArray[] inputs = {sequences(17, random), Nd4j.rand(DataType.FLOAT, 17, 2)};
        INDArray y = labels(17, random);
        net.setInputs(inputs);
        net.setLabels(y);
        net.computeGradientAndScore();
        INDArray expected = net.getFlattenedGradients().div(17);
        INDArray gradient = Nd4j.zeros(DataType.FLOAT, 1, net.numParams());
        LeanNetwork lean = LeanNetwork.of(net, gradient, Nd4j.getRandom(), new TwinSums(1), 0);
        double loss = lean.computeGradient(inputs, y, 1.0 / 17);
        assertThat(loss / 17).isCloseTo(net.score(), org.assertj.core.data.Offset.offset(1e-5));
        assertThat(maxDifference(expected.reshape(-1), gradient.reshape(-1))).isLessThan(1e-5);
        assertThat(gradient.amaxNumber().doubleValue()).isGreaterThan(1e-3);
    }

    @Test
    void gradientsAndOutputsEqualDl4jThroughALegNetInMiniature() {
        Random random = new Random(5);
        ComputationGraph net = LeanTesting.miniLegNet(new Adam(1e-3), 3);
        INDArray[] inputs = {sequences(19, random)};
        INDArray y = labels(19, random);
        net.setInputs(inputs);
        net.setLabels(y);
        net.computeGradientAndScore();
        INDArray learned = Networks.learnedMask(net);
        INDArray expected = net.getFlattenedGradients().div(19).muli(learned);
        INDArray gradient = Nd4j.zeros(DataType.FLOAT, 1, net.numParams());
        LeanNetwork lean = LeanNetwork.of(net, gradient, Nd4j.getRandom(), new TwinSums(1), 0);
        double loss = lean.computeGradient(inputs, y, 1.0 / 19);
        assertThat(loss / 19).isCloseTo(net.score(), org.assertj.core.data.Offset.offset(1e-5));
        assertThat(maxDifference(expected.reshape(-1), gradient.reshape(-1))).isLessThan(1e-5);
        assertThat(gradient.amaxNumber().doubleValue()).isGreaterThan(1e-3);
        assertThat(maxDifference(net.outputSingle(false, inputs), lean.output(inputs))).isLessThan(1e-5);
    }

    @Test
    void poolGradientGoesToTheFirstOfTiedMaximaAndNotThroughItsRelu() {
        INDArray x = Nd4j.create(new float[] {1, 3, 3, 0, -1, -2, -2, -5, 9}, new long[] {1, 1, 9}, 'c');
        INDArray gradient = Nd4j.create(new float[] {1, 2}, new long[] {1, 1, 2}, 'c');
        LeanMaxPool pool = new LeanMaxPool(4, false);
        assertThat(pool.forward(x, true).reshape(2).toFloatVector()).containsExactly(3f, -1f);
        assertThat(pool.backward(gradient, true).reshape(9).toFloatVector()).containsExactly(0, 1, 0, 0, 2, 0, 0, 0, 0);
        LeanMaxPool withRelu = new LeanMaxPool(4, true);
        assertThat(withRelu.forward(x, true).reshape(2).toFloatVector()).containsExactly(3f, 0f);
        assertThat(withRelu.backward(gradient, true).reshape(9).toFloatVector()).containsExactly(0, 1, 0, 0, 0, 0, 0, 0, 0);
    }
}
