package org.regshift.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Data-parallel {@link LeanNetwork} twins of one network: each takes a fixed contiguous share of
 * every batch on its own thread. Meant to run with libnd4j, oneDNN and BLAS single-threaded
 * ({@code NdRuntime.threads(1)}, the caller's job): on 2 cores that was 1.3-1.6x faster than one
 * network with 2 threads per operation, as many operations here are too small to split well and
 * idle OpenMP and BLAS threads spin. Shares depend only on the batch's size, so the same batches
 * give the same bytes.
 */
final class LeanTwins implements AutoCloseable {
    private final List<LeanNetwork> twins;
    private final List<INDArray> gradients;
    private final ExecutorService pool;

    private LeanTwins(List<LeanNetwork> twins, List<INDArray> gradients) {
        this.twins = twins;
        this.gradients = gradients;
        this.pool = Executors.newFixedThreadPool(twins.size(), r -> {
            Thread t = new Thread(r, "regshift-twin");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * {@code count} twins of {@code net}, or empty when {@link LeanNetwork} does not implement it.
     * Twin i writes gradients to its own array and draws dropout masks from a generator seeded
     * with seed + i.
     */
    static Optional<LeanTwins> of(ComputationGraph net, int count, long seed) {
        List<LeanNetwork> twins = new ArrayList<>();
        List<INDArray> gradients = new ArrayList<>();
        for (int i = 0; i < Math.max(1, count); i++) {
            INDArray g = Nd4j.zeros(DataType.FLOAT, 1, net.numParams());
            Optional<LeanNetwork> twin = LeanNetwork.of(net, g, Nd4j.getRandomFactory().getNewRandomInstance(seed + i));
            if (twin.isEmpty()) {
                return Optional.empty();
            }
            twins.add(twin.get());
            gradients.add(g);
        }
        return Optional.of(new LeanTwins(twins, gradients));
    }

    /** The updater configuration of the network's layers. */
    Adam adam() {
        return twins.get(0).adam();
    }

    /** The gradient array of twin i. */
    INDArray gradient(int i) {
        return gradients.get(i);
    }

    /**
     * Runs {@code task} for each share of {@code rows} rows on its twin's thread (fewer twins
     * when there are fewer rows); returns the results in share order.
     */
    <T> List<T> eachShare(long rows, BiFunction<LeanNetwork, long[], T> task) {
        int n = (int) Math.min(twins.size(), rows);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            LeanNetwork twin = twins.get(i);
            long[] share = {i * rows / n, (i + 1) * rows / n};
            futures.add(pool.submit(() -> task.apply(twin, share)));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(join(f));
        }
        return results;
    }

    /** The (mean, log-variance) output of a batch, as the graph computes it. */
    INDArray output(INDArray[] inputs) {
        return Nd4j.concat(0, eachShare(inputs[0].size(0), (twin, share) -> twin.output(rows(inputs, share)))
                .toArray(INDArray[]::new));
    }

    /** The rows of a share, of each array. */
    static INDArray[] rows(INDArray[] arrays, long[] share) {
        INDArray[] out = new INDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            out[i] = rows(arrays[i], share);
        }
        return out;
    }

    static INDArray rows(INDArray array, long[] share) {
        return array.get(NDArrayIndex.interval(share[0], share[1])).dup('c');
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
