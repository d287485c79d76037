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
import org.nd4j.linalg.indexing.NDArrayIndex;
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
    void gradientsAndOutputsEqualDl4jThroughABidirectionalLstm() {
        ComputationGraph net = Networks.create(t -> t.conv(8, 5, true, Activation.RELU).maxPool(3).biLstm(6)
                .globalMaxPool(), Head.plain(0), LENGTH, 0, Loss.GAUSSIAN_NLL, new Adam(1e-3), 4);
        Step step = Step.of(net, new Random(6));
        assertThat(step.leanLoss()).isCloseTo(net.score(), org.assertj.core.data.Offset.offset(1e-5));
        assertThat(maxDifference(step.dl4j(), step.lean())).isLessThan(1e-5);
        assertThat(step.lean().amaxNumber().doubleValue()).isGreaterThan(1e-3);
    }

    /**
     * DL4J's self-attention layer returns twice the gradient of its projections, and so wrong
     * gradients below it (central finite differences of its own loss agree with the lean engine):
     * above the attention the gradients are DL4J's, in it they are the finite differences'.
     */
    @Test
    void attentionBlocksGradientsEqualDl4jAboveTheAttentionAndFiniteDifferencesInIt() {
        ComputationGraph net = Networks.create(t -> t.conv(8, 5, true, Activation.RELU).maxPool(3).positions()
                .encoderBlock(2, 0).globalMaxPool(), Head.plain(0), LENGTH, 0, Loss.GAUSSIAN_NLL, new Adam(1e-3), 5);
        Step step = Step.of(net, new Random(7));
        INDArray attention = net.getLayer("attention_4").params();
        long start = attention.offset() - net.params().offset();
        long above = start + attention.length();
        assertThat(maxDifference(step.dl4j().get(NDArrayIndex.interval(above, step.lean().length())),
                step.lean().get(NDArrayIndex.interval(above, step.lean().length())))).isLessThan(1e-5);
        INDArray parameters = net.params().reshape(-1);
        for (long k = start; k < above; k += 13) {
            float original = parameters.getFloat(k);
            double eps = 1e-3;
            parameters.putScalar(k, original + eps);
            net.computeGradientAndScore();
            double plus = net.score();
            parameters.putScalar(k, original - eps);
            net.computeGradientAndScore();
            double minus = net.score();
            parameters.putScalar(k, original);
            double numeric = (plus - minus) / (2 * eps);
            assertThat(step.lean().getDouble(k)).as("attention parameter %d", k - start)
                    .isCloseTo(numeric, org.assertj.core.data.Offset.offset(0.1 * Math.abs(numeric) + 2e-4));
        }
    }

    /**
     * One training step on 13 random sequences: DL4J's gradient (learned parameters only) and
     * the lean twin's, flat, and the lean twin's mean loss; checks that the lean engine takes the
     * network and that its inference output equals DL4J's.
     */
    private record Step(INDArray dl4j, INDArray lean, double leanLoss) {
        static Step of(ComputationGraph net, Random random) {
            INDArray[] inputs = {sequences(13, random)};
            INDArray y = labels(13, random);
            net.setInputs(inputs);
            net.setLabels(y);
            net.computeGradientAndScore();
            assertThat(Engine.forTraining(net, 2, null).engine()).isEqualTo(Engine.LEAN);
            INDArray expected = net.getFlattenedGradients().div(13).muli(Networks.learnedMask(net)).reshape(-1);
            INDArray gradient = Nd4j.zeros(DataType.FLOAT, 1, net.numParams());
            LeanNetwork lean = LeanNetwork.of(net, gradient, Nd4j.getRandom(), new TwinSums(1), 0);
            assertThat(maxDifference(net.outputSingle(false, inputs), lean.output(inputs))).isLessThan(1e-5);
            double loss = lean.computeGradient(inputs, y, 1.0 / 13);
            return new Step(expected, gradient.reshape(-1), loss / 13);
        }
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
