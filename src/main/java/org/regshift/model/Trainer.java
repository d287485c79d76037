package org.regshift.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.regshift.stats.Summary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one network with Adam on mini-batches shuffled by the seed, stops early when the
 * validation NLL has not improved for {@code patience} epochs, and keeps the best epoch's weights.
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    /** How to train. */
    public record Settings(int epochs, int patience, int batchSize, double learningRate) {
    }

    /** A trained network and how its training went. */
    public record Result(MultiLayerNetwork network, int epochsRun, int bestEpoch, double bestValidNll,
                         double bestValidPearson) {
    }

    private Trainer() {
    }

    public static Result train(Architecture architecture, TrainingData data, Settings settings, long seed, String label) {
        MultiLayerNetwork net = new MultiLayerNetwork(architecture.configuration(data.length(), settings.learningRate(), seed));
        net.init();
        INDArray validX = OneHot.encode(data.validSequences(), data.length());
        Random shuffle = new Random(seed);
        int n = data.trainSequences().size();
        double bestNll = Double.POSITIVE_INFINITY;
        double bestPearson = Double.NaN;
        INDArray bestParams = null;
        int bestEpoch = 0;
        int epoch;
        for (epoch = 1; epoch <= settings.epochs(); epoch++) {
            List<Integer> order = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                order.add(i);
            }
            java.util.Collections.shuffle(order, shuffle);
            double lossSum = 0;
            int batches = 0;
            long start = System.nanoTime();
            for (int from = 0; from < n; from += settings.batchSize()) {
                List<Integer> batch = order.subList(from, Math.min(n, from + settings.batchSize()));
                List<String> seqs = new ArrayList<>(batch.size());
                float[] labels = new float[batch.size() * 2];
                for (int k = 0; k < batch.size(); k++) {
                    seqs.add(data.trainSequences().get(batch.get(k)));
                    labels[2 * k] = data.trainTargets()[batch.get(k)];
                }
                net.fit(OneHot.encode(seqs, data.length()), Nd4j.create(labels, new long[] {batch.size(), 2}, DataType.FLOAT));
                double loss = net.score();
                if (!Double.isFinite(loss)) {
                    throw new TrainingException("training of " + label + " diverged: the loss became " + loss + " in epoch "
                            + epoch + " (lower --lr, or check the targets)");
                }
                lossSum += loss;
                batches++;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            INDArray out = net.output(validX, false);
            double nll = validationNll(out, data.validTargets());
            double pearson = Summary.pearson(toDouble(out.getColumn(0)), toDouble(data.validTargets()));
            LOG.info("train {}: epoch {} loss {} valid NLL {} valid Pearson {} ({} sequences/s)", label, epoch,
                    String.format("%.4f", lossSum / batches), String.format("%.4f", nll), String.format("%.4f", pearson),
                    String.format("%.0f", n / seconds));
            if (nll < bestNll) {
                bestNll = nll;
                bestPearson = pearson;
                bestEpoch = epoch;
                bestParams = net.params().dup();
            } else if (epoch - bestEpoch >= settings.patience()) {
                break;
            }
        }
        net.setParams(bestParams);
        return new Result(net, Math.min(epoch, settings.epochs()), bestEpoch, bestNll, bestPearson);
    }

    /** Mean Gaussian NLL (with the 0.5 log 2 pi constant) of standardised targets. */
    static double validationNll(INDArray out, float[] y) {
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            double mu = out.getDouble(i, 0);
            double logvar = Math.max(out.getDouble(i, 1), GaussianNll.LOG_VARIANCE_FLOOR);
            double r = y[i] - mu;
            sum += 0.5 * (Math.log(2 * Math.PI) + logvar + r * r * Math.exp(-logvar));
        }
        return sum / y.length;
    }

    private static double[] toDouble(INDArray column) {
        return column.castTo(DataType.DOUBLE).toDoubleVector();
    }

    private static double[] toDouble(float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return d;
    }
}
