package org.regshift.model.lean;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Data-parallel replicas of one network: each takes a fixed contiguous share of every batch on its
 * own thread, with libnd4j, oneDNN and BLAS single-threaded (their owner's job, once: setting the
 * thread counts around every batch cost about 8% of training): on 2 cores that is
 * faster than one network with 2 threads per operation, as many operations are too small to split
 * well, DL4J's own bookkeeping is single-threaded, and idle OpenMP and BLAS threads spin. Shares
 * depend only on the batch's size and each replica keeps its thread (and so its random stream), so
 * the same batches give the same bytes.
 */
public final class Twins {
    private final List<Replica> replicas;
    private final TwinSums sums;
    private final TwinThreads threads;

    private Twins(List<Replica> replicas, TwinSums sums, TwinThreads threads) {
        this.replicas = replicas;
        this.sums = sums;
        this.threads = threads;
    }

    /**
     * Twins of {@code net} on {@code threads}, one twin per thread; twin i draws dropout masks from a
     * generator seeded with seed + i. Their owner runs libnd4j single-threaded while it uses them
     * ({@link NdRuntime#threads}).
     */
    public static Twins on(TwinThreads threads, ComputationGraph net, long seed) {
        List<Replica> twins = new ArrayList<>();
        TwinSums sums = new TwinSums(threads.size());
        for (int i = 0; i < threads.size(); i++) {
            twins.add(LeanNetwork.of(net, Nd4j.zeros(DataType.FLOAT, 1, net.numParams()),
                    Nd4j.getRandomFactory().getNewRandomInstance(seed + i), sums, i));
        }
        return new Twins(twins, sums, threads);
    }

    /** Work after the optimiser's step (batch normalisation's running statistics), done once: the twins share the batch. */
    public void afterStep() {
        replicas.get(0).afterStep();
    }

    /** The gradient array of replica i. */
    public INDArray gradient(int i) {
        return replicas.get(i).gradient();
    }

    /**
     * Runs {@code task} for each share of {@code rows} rows on its replica's thread (fewer replicas
     * when there are fewer rows); returns the results in share order.
     */
    public <T> List<T> eachShare(long rows, BiFunction<Replica, long[], T> task) {
        int n = (int) Math.min(replicas.size(), rows);
        sums.begin(n);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Replica replica = replicas.get(i);
            long[] share = {i * rows / n, (i + 1) * rows / n};
            futures.add(threads.get(i).submit(() -> {
                try {
                    return task.apply(replica, share);
                } catch (RuntimeException | Error e) { // an Error too: native memory runs out as OutOfMemoryError
                    sums.abort();
                    throw e;
                }
            }));
        }
        List<T> results = new ArrayList<>();
        RuntimeException failure = null;
        for (Future<T> f : futures) {
            try {
                results.add(join(f));
            } catch (RuntimeException e) {
                if (failure == null || failure instanceof TwinSums.Aborted) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }

    /** The (mean, log-variance) output of a batch, as the graph computes it. */
    public INDArray output(INDArray[] inputs) {
        return Nd4j.concat(0, eachShare(inputs[0].size(0), (replica, share) -> replica.output(rows(inputs, share)))
                .toArray(INDArray[]::new));
    }

    /** The rows of a share, of each array. */
    public static INDArray[] rows(INDArray[] arrays, long[] share) {
        INDArray[] out = new INDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            out[i] = rows(arrays[i], share);
        }
        return out;
    }

    public static INDArray rows(INDArray array, long[] share) {
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
}
