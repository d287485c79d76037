package org.regshift.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.regshift.metrics.Metrics;
import org.regshift.model.OneHot;
import org.regshift.model.PriorFeatures;
import org.regshift.model.lean.Engine;
import org.regshift.model.lean.NdRuntime;
import org.regshift.model.lean.TwinThreads;
import org.regshift.model.net.Architecture;
import org.regshift.model.net.GaussianNll;
import org.regshift.model.net.Loss;
import org.regshift.model.net.Networks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one network with Adam or AdamW on mini-batches shuffled (and augmented) by the seed, stops early
 * when the validation NLL has not improved for {@code patience} epochs, and keeps the best epoch's
 * weights. Steps run on the {@link Engine} that {@link #engine} chooses.
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    private static final int EVAL_BATCH = 1024;

    /** How to train; {@code adversarial} is null for standard training. */
    public record Settings(Architecture architecture, Loss loss, int epochs, int patience, int batchSize,
                           Optimizer optimizer, Augmentation augmentation, AdversarialTraining adversarial) {
    }

    /**
     * A trained network and how its training went. {@code residualVariance} is the validation mean
     * squared error (standardised units) of a model whose variance is not learned (MSE), else NaN.
     */
    public record Result(ComputationGraph network, Engine.Choice engine, int epochsRun, int bestEpoch, double bestValidNll,
                         double bestValidPearson, double residualVariance) {
    }

    /** Validation outcome of one epoch. */
    private record Validation(double nll, double pearson, double residualVariance) {
    }

    private Trainer() {
    }

    /** The engine that trains {@code net} on {@code threads} threads with these settings. */
    public static Engine.Choice engine(ComputationGraph net, Settings settings, int threads) {
        String graphOnly = settings.adversarial() != null ? "adversarial training needs the graph's input gradients"
                : ParallelTrainer.sharedAdam(net).isEmpty() ? "the layers do not share one Adam updater" : null;
        return Engine.forTraining(net, threads, graphOnly);
    }

    /** Trains one network on {@code threads} (the members of an ensemble take turns on the same threads). */
    public static Result train(Settings settings, TrainingData data, PriorFeatures priors, long seed, TwinThreads threads,
                               String label, LongConsumer progress) {
        NdRuntime.threads(threads.size());
        int stepsPerEpoch = (data.trainSequences().size() + settings.batchSize() - 1) / settings.batchSize();
        Adam adam = settings.optimizer().adam(settings.epochs() * stepsPerEpoch);
        ComputationGraph net = Networks.create(settings.architecture(), data.length(), priors == null ? 0 : priors.size(),
                settings.loss(), adam, seed);
        Engine.Choice engine = engine(net, settings, threads.size());
        LOG.info("train {}: engine {}", label, engine.describe());
        try (TrainingSteps steps = TrainingSteps.of(engine.engine(), net, threads, seed, settings.optimizer().decay(adam, net))) {
            return train(net, steps, engine, settings, data, priors, seed, label, progress);
        }
    }

    private static Result train(ComputationGraph net, TrainingSteps steps, Engine.Choice engine, Settings settings,
                                TrainingData data, PriorFeatures priors, long seed, String label, LongConsumer progress) {
        INDArray trainPriors = priors == null ? null : priors.encode(data.trainSequences());
        Random random = new Random(seed);
        int n = data.trainSequences().size();
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Validation best = null;
        INDArray bestParams = null;
        int bestEpoch = 0;
        int epoch;
        long seen = 0;
        for (epoch = 1; epoch <= settings.epochs(); epoch++) {
            Collections.shuffle(order, random);
            double lossSum = 0;
            int batches = 0;
            long start = System.nanoTime();
            for (int from = 0; from < n; from += settings.batchSize()) {
                List<Integer> batch = order.subList(from, Math.min(n, from + settings.batchSize()));
                lossSum += fitBatch(net, steps, settings, data, trainPriors, batch, random, label, epoch);
                batches++;
                seen += batch.size();
                progress.accept(seen);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Validation v = validate(steps::output, data, priors, settings.loss());
            LOG.info("train {}: epoch {} loss {} valid NLL {} valid Pearson {} ({} sequences/s)", label, epoch,
                    String.format("%.4f", lossSum / batches), String.format("%.4f", v.nll()), String.format("%.4f", v.pearson()),
                    String.format("%.0f", n / seconds));
            if (best == null || v.nll() < best.nll()) {
                best = v;
                bestEpoch = epoch;
                bestParams = net.params().dup();
            } else if (epoch - bestEpoch >= settings.patience()) {
                break;
            }
        }
        net.setParams(bestParams);
        return new Result(net, engine, Math.min(epoch, settings.epochs()), bestEpoch, best.nll(), best.pearson(),
                best.residualVariance());
    }

    private static double fitBatch(ComputationGraph net, TrainingSteps steps, Settings settings,
                                   TrainingData data, INDArray trainPriors,
                                   List<Integer> batch, Random random, String label, int epoch) {
        List<String> seqs = new ArrayList<>(batch.size());
        float[] labels = new float[batch.size() * 2];
        int[] rows = new int[batch.size()];
        for (int k = 0; k < batch.size(); k++) {
            rows[k] = batch.get(k);
            seqs.add(settings.augmentation().apply(data.trainSequences().get(rows[k]), random));
            labels[2 * k] = data.trainTargets()[rows[k]];
        }
        INDArray x = OneHot.encode(seqs, data.length());
        INDArray[] inputs = trainPriors == null ? new INDArray[] {x} : new INDArray[] {x, trainPriors.getRows(rows)};
        if (settings.adversarial() != null) {
            inputs[0] = settings.adversarial().mix(net, inputs, labels, random);
        }
        INDArray y = Nd4j.create(labels, new long[] {batch.size(), 2}, DataType.FLOAT);
        double loss = steps.fit(inputs, y);
        if (!Double.isFinite(loss)) {
            throw new TrainingException("training of " + label + " diverged: the loss became " + loss + " in epoch "
                    + epoch + " (lower --lr, or check the targets)");
        }
        return loss;
    }

    /** Mean and log-variance (standardised units) of every row, in batches. */
    private static float[][] output(Function<INDArray[], INDArray> forward, List<String> sequences, int length,
                                    PriorFeatures priors) {
        float[][] out = new float[2][sequences.size()];
        for (int from = 0; from < sequences.size(); from += EVAL_BATCH) {
            List<String> chunk = sequences.subList(from, Math.min(sequences.size(), from + EVAL_BATCH));
            INDArray o = forward.apply(OneHot.inputs(chunk, length, priors));
            for (int i = 0; i < chunk.size(); i++) {
                out[0][from + i] = o.getFloat(i, 0);
                out[1][from + i] = o.getFloat(i, 1);
            }
        }
        return out;
    }

    /**
     * Validation NLL (with the 0.5 log 2 pi constant) and Pearson of standardised targets; a model
     * trained with MSE is scored with its validation mean squared error as a constant variance.
     */
    private static Validation validate(Function<INDArray[], INDArray> forward, TrainingData data, PriorFeatures priors,
                                       Loss loss) {
        float[][] out = output(forward, data.validSequences(), data.length(), priors);
        float[] y = data.validTargets();
        double residualVariance = Double.NaN;
        if (!loss.learnsVariance()) {
            double sum = 0;
            for (int i = 0; i < y.length; i++) {
                sum += (y[i] - out[0][i]) * (y[i] - out[0][i]);
            }
            residualVariance = Math.max(sum / y.length, Math.exp(GaussianNll.LOG_VARIANCE_FLOOR));
        }
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            double logvar = loss.learnsVariance() ? Math.max(out[1][i], GaussianNll.LOG_VARIANCE_FLOOR) : Math.log(residualVariance);
            double r = y[i] - out[0][i];
            sum += 0.5 * (Math.log(2 * Math.PI) + logvar + r * r * Math.exp(-logvar));
        }
        return new Validation(sum / y.length, Metrics.pearson(toDouble(out[0]), toDouble(y)), residualVariance);
    }

    private static double[] toDouble(float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return d;
    }
}
