package org.regshift.train;
import org.regshift.model.lean.LeanMaxPool;
import org.regshift.model.lean.LeanNetwork;
import org.regshift.model.lean.Twins;
import org.regshift.model.net.BiLstm;
import org.regshift.model.net.Cnn;
import org.regshift.model.net.CnnReference;
import org.regshift.model.net.Loss;
import org.regshift.model.net.Networks;
import org.regshift.model.net.Transformer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

class ParallelTrainerTest {
    private static final int LENGTH = 60;

    /**
     * One-hot random sequences that start with a run of 12 A: neighbouring positions in a run have
     * the same convolution output, so max-pool windows there hold tied maxima.
     */
    private static INDArray sequences(int n, Random random) {
        float[] x = new float[n * 4 * LENGTH];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < LENGTH; p++) {
                x[i * 4 * LENGTH + (p < 12 ? 0 : random.nextInt(4)) * LENGTH + p] = 1;
            }
        }
        return Nd4j.create(x, new long[] {n, 4, LENGTH}, DataType.FLOAT);
    }

    private static INDArray labels(int n, Random random) {
        float[] y = new float[2 * n];
        for (int i = 0; i < n; i++) {
            y[2 * i] = (float) random.nextGaussian();
        }
        return Nd4j.create(y, new long[] {n, 2}, DataType.FLOAT);
    }

    private static double maxDifference(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }

    @Test
    void stepsEqualDl4jFitForTheReferenceNetWithOneOrTwoTwinsWithAndWithoutPriors() {
        Random random = new Random(3);
        for (int priors : new int[] {0, 3}) {
            for (int twins : new int[] {1, 2}) {
                INDArray[] inputs = priors == 0 ? new INDArray[] {sequences(33, random)}
                        : new INDArray[] {sequences(33, random), Nd4j.rand(DataType.FLOAT, 33, priors)};
                INDArray y = labels(33, random);
                ComputationGraph dl4j = Networks.create(new CnnReference(), LENGTH, priors, Loss.GAUSSIAN_NLL, 1e-3, 5);
                ComputationGraph lean = dl4j.clone();
                try (ParallelTrainer trainer = ParallelTrainer.of(lean, twins, 5).orElseThrow()) {
                    for (int step = 0; step < 3; step++) {
                        dl4j.fit(new MultiDataSet(inputs, new INDArray[] {y}));
                        double loss = trainer.fit(inputs, y);
                        assertThat(loss).as("loss, step %d", step).isCloseTo(dl4j.score(), org.assertj.core.data.Offset.offset(1e-5));
                        assertThat(maxDifference(dl4j.params(), lean.params())).as("parameters, step %d, %d twins", step, twins)
                                .isLessThan(1e-5);
                    }
                }
            }
        }
    }

    @Test
    void gradientsEqualDl4jThroughStackedConvolutionsAPoolWithARemainderAndBetaNll() {
        Random random = new Random(4);
        ComputationGraph net = Networks.create(t -> t.conv(8, 5, true, Activation.RELU).maxPool(3)
                .conv(6, 3, true, Activation.RELU).conv(5, 3, false, Activation.IDENTITY).globalMaxPool(),
                0, LENGTH, 2, Loss.BETA_NLL, 1e-3, 9);
        INDArray[] inputs = {sequences(17, random), Nd4j.rand(DataType.FLOAT, 17, 2)};
        INDArray y = labels(17, random);
        net.setInputs(inputs);
        net.setLabels(y);
        net.computeGradientAndScore();
        INDArray expected = net.getFlattenedGradients().div(17);
        INDArray gradient = Nd4j.zeros(DataType.FLOAT, 1, net.numParams());
        LeanNetwork lean = LeanNetwork.of(net, gradient, Nd4j.getRandom()).orElseThrow();
        double loss = lean.computeGradient(inputs, y, 1.0 / 17);
        assertThat(loss / 17).isCloseTo(net.score(), org.assertj.core.data.Offset.offset(1e-5));
        assertThat(maxDifference(expected.reshape(-1), gradient.reshape(-1))).isLessThan(1e-5);
        assertThat(gradient.amaxNumber().doubleValue()).isGreaterThan(1e-3);
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

    @Test
    void dropoutMasksFollowTheSeedSoTheSameSeedGivesTheSameWeights() {
        Random random = new Random(6);
        INDArray[] inputs = {sequences(40, random)};
        INDArray y = labels(40, random);
        INDArray first = trainDefaultCnn(inputs, y, 7);
        assertThat(maxDifference(first, trainDefaultCnn(inputs, y, 7))).isZero();
        assertThat(maxDifference(first, trainDefaultCnn(inputs, y, 8))).isGreaterThan(1e-4);
    }

    private static INDArray trainDefaultCnn(INDArray[] inputs, INDArray y, long dropoutSeed) {
        ComputationGraph net = Networks.create(new Cnn(), LENGTH, 0, Loss.GAUSSIAN_NLL, 1e-3, 1);
        try (ParallelTrainer trainer = ParallelTrainer.of(net, 2, dropoutSeed).orElseThrow()) {
            for (int step = 0; step < 3; step++) {
                trainer.fit(inputs, y);
            }
        }
        return net.params().dup();
    }

    @Test
    void recurrentNetworksTrainOnCopiesOfTheGraphAndStepAsDl4jFit() {
        Random random = new Random(8);
        INDArray[] inputs = {sequences(21, random)};
        INDArray y = labels(21, random);
        ComputationGraph dl4j = Networks.create(t -> t.conv(8, 5, true, Activation.RELU).maxPool(4).biLstm(4).globalMaxPool(),
                0, LENGTH, 0, Loss.GAUSSIAN_NLL, 1e-3, 2);
        ComputationGraph copies = dl4j.clone();
        try (ParallelTrainer trainer = ParallelTrainer.of(copies, 2, 5).orElseThrow()) {
            for (int step = 0; step < 3; step++) {
                dl4j.fit(new MultiDataSet(inputs, new INDArray[] {y}));
                assertThat(trainer.fit(inputs, y)).isCloseTo(dl4j.score(), org.assertj.core.data.Offset.offset(1e-5));
                assertThat(maxDifference(dl4j.params(), copies.params())).as("parameters, step %d", step).isLessThan(1e-5);
            }
        }
    }

    @Test
    void batchNormalisedNetworksAndSingleThreadsOfRecurrentOnesAreLeftToDl4jFit() {
        assertThat(ParallelTrainer.of(Networks.create(new Transformer(), 64, 0, Loss.GAUSSIAN_NLL, 1e-3, 1), 2, 1)).isEmpty();
        assertThat(ParallelTrainer.of(Networks.create(new BiLstm(), 64, 0, Loss.GAUSSIAN_NLL, 1e-3, 1), 1, 1)).isEmpty();
        assertThat(Twins.lean(Networks.create(new BiLstm(), 64, 0, Loss.GAUSSIAN_NLL, 1e-3, 1), 2, 1)).isEmpty();
        assertThat(Twins.lean(Networks.create(new Cnn(), 64, 0, Loss.MSE, 1e-3, 1), 2, 1)).isPresent();
    }
}
