package org.regshift.model;

import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

/**
 * Trains a network that {@link LeanNetwork} implements with Adam on {@link LeanTwins}, one per
 * thread the run may use: their gradients are summed in order, so each step is the full batch's
 * and the same bytes for the same seed and thread count. libnd4j runs single-threaded while the
 * trainer is open.
 */
final class LeanTrainer implements AutoCloseable {
    private final LeanTwins twins;
    private final INDArray params;
    private final INDArray gradient;
    private final GradientUpdater<?> updater;
    private final int threads;
    private int iteration;

    private LeanTrainer(ComputationGraph net, LeanTwins twins, int threads) {
        this.twins = twins;
        this.params = net.params().reshape(1, net.numParams());
        this.gradient = net.getFlattenedGradients().reshape(1, net.numParams());
        this.updater = twins.adam().instantiate(Nd4j.zeros(DataType.FLOAT, 1, 2 * net.numParams()), true);
        this.threads = threads;
        NdRuntime.threads(1);
    }

    /** A trainer of {@code net} on {@code threads} twins, or empty when {@link LeanNetwork} does not implement it. */
    static Optional<LeanTrainer> of(ComputationGraph net, int threads, long seed) {
        return LeanTwins.of(net, threads, seed).map(twins -> new LeanTrainer(net, twins, threads));
    }

    /** One Adam step on a mini-batch; returns the batch's mean loss before the step. */
    double fit(INDArray[] inputs, INDArray labels) {
        long rows = labels.size(0);
        List<Double> losses = twins.eachShare(rows, (twin, share) -> twin.computeGradient(LeanTwins.rows(inputs, share),
                LeanTwins.rows(labels, share), 1.0 / rows));
        double loss = 0;
        for (int i = 0; i < losses.size(); i++) {
            loss += losses.get(i);
            if (i == 0) {
                gradient.assign(twins.gradient(0));
            } else {
                gradient.addi(twins.gradient(i));
            }
        }
        updater.applyUpdater(gradient, iteration++, 0);
        params.subi(gradient);
        return loss / rows;
    }

    /** The (mean, log-variance) output of a batch, as the graph computes it. */
    INDArray output(INDArray[] inputs) {
        return twins.output(inputs);
    }

    /** Stops the twins' threads and gives libnd4j its thread count back. */
    @Override
    public void close() {
        twins.close();
        NdRuntime.threads(threads);
    }
}
