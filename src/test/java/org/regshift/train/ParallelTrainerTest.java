package org.regshift.train;

import static org.assertj.core.api.Assertions.assertThat;
import java.util.Random;
import org.nd4j.linalg.learning.config.Adam;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.regshift.model.lean.Engine;
import org.regshift.model.lean.LeanTesting;
import org.regshift.model.lean.TwinThreads;
import org.regshift.model.net.Cnn;
import org.regshift.model.net.CnnReference;
import org.regshift.model.net.Head;
import org.regshift.model.net.Loss;
import org.regshift.model.net.Networks;
import org.regshift.model.net.OneCycleSchedule;

/** Training steps on twins equal DL4J's fit, whatever the number of twins. */
class ParallelTrainerTest {
    private static final int LENGTH = LeanTesting.LENGTH;

    @Test
    void stepsEqualDl4jFitForTheReferenceNetWithOneOrTwoTwinsWithAndWithoutPriors() {
        Random random = new Random(3);
        for (int priors : new int[] {0, 3}) {
            for (int twins : new int[] {1, 2}) {
                INDArray[] inputs = priors == 0 ? new INDArray[] {LeanTesting.sequences(33, random)}
                        : new INDArray[] {LeanTesting.sequences(33, random), Nd4j.rand(DataType.FLOAT, 33, priors)};
                INDArray y = LeanTesting.labels(33, random);
                ComputationGraph dl4j = Networks.create(new CnnReference(), LENGTH, priors, Loss.GAUSSIAN_NLL, new Adam(1e-3), 5);
                ComputationGraph lean = dl4j.clone();
                try (TwinThreads threads = new TwinThreads(twins); ParallelTrainer trainer = ParallelTrainer.on(threads, lean, 5, DecoupledDecay.NONE)) {
                    for (int step = 0; step < 3; step++) {
                        dl4j.fit(new MultiDataSet(inputs, new INDArray[] {y}));
                        double loss = trainer.fit(inputs, y);
                        assertThat(loss).as("loss, step %d", step).isCloseTo(dl4j.score(), org.assertj.core.data.Offset.offset(1e-5));
                        assertThat(LeanTesting.maxDifference(dl4j.params(), lean.params())).as("parameters, step %d, %d twins", step, twins)
                                .isLessThan(1e-5);
                    }
                }
            }
        }
    }

    @Test
    void adamWWithAOneCycleScheduleStepsAsPyTorchOnTwinsAndOnDl4jFit() {
        Random random = new Random(4);
        INDArray[] inputs = {LeanTesting.sequences(30, random)};
        INDArray y = LeanTesting.labels(30, random);
        Optimizer adamW = new Optimizer(1e-3, Optimizer.Schedule.ONECYCLE, 0.01, 0.1);
        Adam adam = adamW.adam(10);
        ComputationGraph dl4j = Networks.create(new CnnReference(), LENGTH, 0, Loss.GAUSSIAN_NLL, adam, 5);
        ComputationGraph lean = dl4j.clone();
        ComputationGraph plain = dl4j.clone();
        TrainingSteps.GraphSteps graph = new TrainingSteps.GraphSteps(dl4j, adamW.decay(adam, dl4j));
        try (TwinThreads two = new TwinThreads(2); TwinThreads one = new TwinThreads(1);
             ParallelTrainer trainer = ParallelTrainer.on(two, lean, 5, adamW.decay(adam, lean));
             ParallelTrainer withoutDecay = ParallelTrainer.on(one, plain, 5, DecoupledDecay.NONE)) {
            for (int step = 0; step < 4; step++) {
                INDArray before = lean.params().dup();
                INDArray plainBefore = plain.params().dup();
                assertThat(LeanTesting.maxDifference(before, plainBefore)).as("same start, step %d", step).isLessThan(1e-4);
                graph.fit(inputs, y);
                trainer.fit(inputs, y);
                withoutDecay.fit(inputs, y);
                assertThat(LeanTesting.maxDifference(dl4j.params(), lean.params())).as("twins vs DL4J, step %d", step)
                        .isLessThan(1e-5);
                // AdamW = Adam's step from the same point minus lr_t x 0.1 x the parameters before the step
                INDArray expected = plain.params().sub(before.mul(0.1 * adam.getLearningRate(step, 0)));
                assertThat(LeanTesting.maxDifference(expected, lean.params())).as("decoupled decay, step %d", step).isLessThan(1e-6);
                plain.setParams(lean.params());
            }
        }
    }

    /**
     * Batch normalisation sees the whole batch on any number of twins: AdamW steps of a LegNet in
     * miniature on two twins equal the step on one twin from the same point, and those equal
     * DL4J's fit from the same point, running statistics included. Adam's epsilon is raised from 1e-8 to 1e-4: the
     * bias of the dense layer before the head's batch norm has a zero gradient up to rounding,
     * which Adam's first steps would otherwise turn into +-lr either way.
     */
    @Test
    void batchNormStepsOnTwoTwinsEqualOneTwinAndDl4jFitRunningStatisticsIncluded() {
        Random random = new Random(9);
        INDArray[] inputs = {LeanTesting.sequences(33, random)};
        INDArray y = LeanTesting.labels(33, random);
        Optimizer adamW = new Optimizer(1e-3, Optimizer.Schedule.ONECYCLE, 0.01, 0.1);
        Adam adam = Adam.builder().learningRateSchedule(new OneCycleSchedule(0.002, 10)).epsilon(1e-4).build();
        ComputationGraph dl4j = LeanTesting.miniLegNet(adam, 5);
        ComputationGraph one = dl4j.clone();
        ComputationGraph two = dl4j.clone();
        INDArray running = Networks.learnedMask(one).rsub(1);
        INDArray runningBefore = one.params().mul(running);
        TrainingSteps.GraphSteps graph = new TrainingSteps.GraphSteps(dl4j, adamW.decay(adam, dl4j));
        try (TwinThreads oneThread = new TwinThreads(1); TwinThreads twoThreads = new TwinThreads(2);
             ParallelTrainer oneTwin = ParallelTrainer.on(oneThread, one, 5, adamW.decay(adam, one));
             ParallelTrainer twoTwins = ParallelTrainer.on(twoThreads, two, 5, adamW.decay(adam, two))) {
            for (int step = 0; step < 3; step++) {
                double expected = graph.fit(inputs, y);
                assertThat(oneTwin.fit(inputs, y)).as("loss, step %d", step).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-5));
                assertThat(twoTwins.fit(inputs, y)).as("loss on two twins, step %d", step)
                        .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-5));
                assertThat(LeanTesting.maxDifference(dl4j.params(), one.params())).as("one twin vs DL4J, step %d", step)
                        .isLessThan(1e-5);
                assertThat(LeanTesting.maxDifference(one.params(), two.params())).as("two twins vs one, step %d", step)
                        .isLessThan(1e-5);
                two.setParams(one.params());
                dl4j.setParams(one.params());
            }
        }
        assertThat(LeanTesting.maxDifference(runningBefore, one.params().mul(running))).as("running statistics moved")
                .isGreaterThan(1e-3);
    }

    @Test
    void batchNormOnTwoTwinsGivesTheSameBytesEveryRun() {
        Random random = new Random(10);
        INDArray[] inputs = {LeanTesting.sequences(40, random)};
        INDArray y = LeanTesting.labels(40, random);
        INDArray[] runs = new INDArray[2];
        for (int run = 0; run < 2; run++) {
            ComputationGraph net = LeanTesting.miniLegNet(new Adam(1e-2), 4);
            try (TwinThreads threads = new TwinThreads(2); ParallelTrainer trainer = ParallelTrainer.on(threads, net, 1, DecoupledDecay.NONE)) {
                for (int step = 0; step < 3; step++) {
                    trainer.fit(inputs, y);
                }
            }
            runs[run] = net.params().dup();
        }
        assertThat(LeanTesting.maxDifference(runs[0], runs[1])).isZero();
    }

    @Test
    void dropoutMasksFollowTheSeedSoTheSameSeedGivesTheSameWeights() {
        Random random = new Random(6);
        INDArray[] inputs = {LeanTesting.sequences(40, random)};
        INDArray y = LeanTesting.labels(40, random);
        INDArray first = trainDefaultCnn(inputs, y, 7);
        assertThat(LeanTesting.maxDifference(first, trainDefaultCnn(inputs, y, 7))).isZero();
        assertThat(LeanTesting.maxDifference(first, trainDefaultCnn(inputs, y, 8))).isGreaterThan(1e-4);
    }

    private static INDArray trainDefaultCnn(INDArray[] inputs, INDArray y, long dropoutSeed) {
        ComputationGraph net = Networks.create(new Cnn(), LENGTH, 0, Loss.GAUSSIAN_NLL, new Adam(1e-3), 1);
        try (TwinThreads threads = new TwinThreads(2); ParallelTrainer trainer = ParallelTrainer.on(threads, net, dropoutSeed, DecoupledDecay.NONE)) {
            for (int step = 0; step < 3; step++) {
                trainer.fit(inputs, y);
            }
        }
        return net.params().dup();
    }

    @Test
    void recurrentNetworksTrainOnLeanTwinsAndStepAsDl4jFit() {
        Random random = new Random(8);
        INDArray[] inputs = {LeanTesting.sequences(21, random)};
        INDArray y = LeanTesting.labels(21, random);
        ComputationGraph dl4j = Networks.create(t -> t.conv(8, 5, true, Activation.RELU).maxPool(4).biLstm(4).globalMaxPool(),
                Head.plain(0), LENGTH, 0, Loss.GAUSSIAN_NLL, new Adam(1e-3), 2);
        ComputationGraph lean = dl4j.clone();
        try (TwinThreads threads = new TwinThreads(2); ParallelTrainer trainer = ParallelTrainer.on(threads, lean, 5, DecoupledDecay.NONE)) {
            for (int step = 0; step < 3; step++) {
                dl4j.fit(new MultiDataSet(inputs, new INDArray[] {y}));
                assertThat(trainer.fit(inputs, y)).isCloseTo(dl4j.score(), org.assertj.core.data.Offset.offset(1e-5));
                assertThat(LeanTesting.maxDifference(dl4j.params(), lean.params())).as("parameters, step %d", step).isLessThan(1e-5);
            }
        }
    }
}
