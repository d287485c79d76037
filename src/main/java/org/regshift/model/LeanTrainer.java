package org.regshift.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;

/**
 * Trains a network that {@link LeanNetwork} implements with Adam, data-parallel: each of
 * {@code workers} twins takes a fixed contiguous share of every mini-batch on its own thread,
 * with libnd4j, oneDNN and BLAS single-threaded, and their gradients are summed in order, so the
 * step is the full batch's and the same bytes for the same seed. On 2 cores this was 1.3-1.6x
 * faster than one twin with 2 threads per operation: many operations here are too small to
 * split well, and idle OpenMP and BLAS threads spin.
 */
final class LeanTrainer implements AutoCloseable {
    private final List<LeanNetwork> twins;
    private final List<INDArray> gradients;
    private final INDArray params;
    private final INDArray gradient;
    private final GradientUpdater<?> updater;
    private final ExecutorService pool;
    private final int threads;
    private int iteration;

    private LeanTrainer(ComputationGraph net, List<LeanNetwork> twins, List<INDArray> gradients, int threads) {
        this.twins = twins;
        this.gradients = gradients;
        this.params = net.params().reshape(1, net.numParams());
        this.gradient = net.getFlattenedGradients().reshape(1, net.numParams());
        this.updater = twins.get(0).adam().instantiate(Nd4j.zeros(DataType.FLOAT, 1, 2 * net.numParams()), true);
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(twins.size(), r -> {
            Thread t = new Thread(r, "regshift-train");
            t.setDaemon(true);
            return t;
        });
        NdRuntime.threads(1);
    }

    /**
     * A trainer of {@code net} with as many twins as the {@code threads} the run may use, or
     * empty when {@link LeanNetwork} does not implement the network. Twin i draws dropout masks
     * from its own generator seeded with seed + i.
     */
    static Optional<LeanTrainer> of(ComputationGraph net, int threads, long seed) {
        List<LeanNetwork> twins = new ArrayList<>();
        List<INDArray> gradients = new ArrayList<>();
        for (int i = 0; i < Math.max(1, threads); i++) {
            INDArray g = Nd4j.zeros(DataType.FLOAT, 1, net.numParams());
            Optional<LeanNetwork> twin = LeanNetwork.of(net, g, Nd4j.getRandomFactory().getNewRandomInstance(seed + i));
            if (twin.isEmpty()) {
                return Optional.empty();
            }
            twins.add(twin.get());
            gradients.add(g);
        }
        return Optional.of(new LeanTrainer(net, twins, gradients, threads));
    }

    /** One Adam step on a mini-batch; returns the batch's mean loss before the step. */
    double fit(INDArray[] inputs, INDArray labels) {
        long rows = labels.size(0);
        List<long[]> shares = shares(rows);
        List<Future<Double>> scores = new ArrayList<>();
        for (int i = 0; i < shares.size(); i++) {
            LeanNetwork twin = twins.get(i);
            long[] share = shares.get(i);
            scores.add(pool.submit(() -> twin.computeGradient(rows(inputs, share), rows(labels, share), 1.0 / rows)));
        }
        double score = 0;
        for (int i = 0; i < shares.size(); i++) {
            score += join(scores.get(i));
            if (i == 0) {
                gradient.assign(gradients.get(0));
            } else {
                gradient.addi(gradients.get(i));
            }
        }
        updater.applyUpdater(gradient, iteration++, 0);
        params.subi(gradient);
        return score / rows;
    }

    /** The (mean, log-variance) output of a batch, as the graph computes it. */
    INDArray output(INDArray[] inputs) {
        List<long[]> shares = shares(inputs[0].size(0));
        List<Future<INDArray>> parts = new ArrayList<>();
        for (int i = 0; i < shares.size(); i++) {
            LeanNetwork twin = twins.get(i);
            long[] share = shares.get(i);
            parts.add(pool.submit(() -> twin.output(rows(inputs, share))));
        }
        return Nd4j.concat(0, parts.stream().map(LeanTrainer::join).toArray(INDArray[]::new));
    }

    /** Contiguous row ranges, one per twin, as even as possible (fewer when there are fewer rows). */
    private List<long[]> shares(long rows) {
        List<long[]> shares = new ArrayList<>();
        int n = (int) Math.min(twins.size(), rows);
        for (int i = 0; i < n; i++) {
            shares.add(new long[] {i * rows / n, (i + 1) * rows / n});
        }
        return shares;
    }

    private static INDArray[] rows(INDArray[] arrays, long[] share) {
        INDArray[] out = new INDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            out[i] = rows(arrays[i], share);
        }
        return out;
    }

    private static INDArray rows(INDArray array, long[] share) {
        return array.get(NDArrayIndex.interval(share[0], share[1])).dup('c');
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("training interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Stops the threads and gives libnd4j its thread count back. */
    @Override
    public void close() {
        pool.shutdownNow();
        NdRuntime.threads(threads);
    }
}
