package org.regshift.model;

import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

/**
 * Trains a network with Adam on {@link Twins}, one per thread the run may use: {@link LeanNetwork}
 * twins where the lean engine implements the network, else copies of the DL4J network. Their
 * gradients are summed in order, so each step is the full batch's, equal to DL4J's fit (tested),
 * and the same bytes for the same seed and thread count. libnd4j runs single-threaded while the
 * trainer is open.
 */
final class ParallelTrainer implements AutoCloseable {
    private final Twins twins;
    private final INDArray params;
    private final INDArray gradient;
    private final GradientUpdater<?> updater;
    private final int threads;
    private int iteration;

    private ParallelTrainer(ComputationGraph net, Twins twins, int threads) {
        this.twins = twins;
        if (net.getFlattenedGradients() == null) {
            net.initGradientsView();
        }
        this.params = net.params().reshape(1, net.numParams());
        this.gradient = net.getFlattenedGradients().reshape(1, net.numParams());
        this.updater = twins.adam().instantiate(Nd4j.zeros(DataType.FLOAT, 1, 2 * net.numParams()), true);
        this.threads = threads;
        NdRuntime.threads(1);
    }

    /** A trainer of {@code net} on {@code threads} twins, or empty when neither kind of twin applies. */
    static Optional<ParallelTrainer> of(ComputationGraph net, int threads, long seed) {
        return Twins.lean(net, threads, seed).or(() -> Twins.graph(net, threads, seed))
                .map(twins -> new ParallelTrainer(net, twins, threads));
    }

    /** One Adam step on a mini-batch; returns the batch's mean loss before the step. */
    double fit(INDArray[] inputs, INDArray labels) {
        long rows = labels.size(0);
        List<Double> losses = twins.eachShare(rows, (twin, share) -> twin.computeGradient(Twins.rows(inputs, share),
                Twins.rows(labels, share), 1.0 / rows));
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
