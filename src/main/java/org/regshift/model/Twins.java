package org.regshift.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Data-parallel replicas of one network: each takes a fixed contiguous share of every batch on its
 * own thread. Meant to run with libnd4j, oneDNN and BLAS single-threaded ({@code NdRuntime.threads(1)},
 * the caller's job): on 2 cores that was 1.3-1.6x faster than one network with 2 threads per
 * operation, as many operations are too small to split well, DL4J's own bookkeeping is
 * single-threaded, and idle OpenMP and BLAS threads spin. Shares depend only on the batch's size
 * and each replica keeps its thread (and so its random stream), so the same batches give the same
 * bytes.
 */
final class Twins implements AutoCloseable {
    private final List<Replica> replicas;
    private final List<ExecutorService> threads = new ArrayList<>();
    private final Adam adam;

    private Twins(List<Replica> replicas, Adam adam, long seed) {
        this.replicas = replicas;
        this.adam = adam;
        for (int i = 0; i < replicas.size(); i++) {
            ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "regshift-twin");
                t.setDaemon(true);
                return t;
            });
            long threadSeed = seed + i;
            join(thread.submit(() -> Nd4j.getRandom().setSeed(threadSeed))); // DL4J's dropout draws from it
            threads.add(thread);
        }
    }

    /**
     * {@code count} {@link LeanNetwork} twins of {@code net}, or empty when the lean engine does not
     * implement it. Twin i draws dropout masks from a generator seeded with seed + i.
     */
    static Optional<Twins> lean(ComputationGraph net, int count, long seed) {
        Optional<Adam> adam = adam(net);
        if (adam.isEmpty()) {
            return Optional.empty();
        }
        List<Replica> twins = new ArrayList<>();
        for (int i = 0; i < Math.max(1, count); i++) {
            INDArray g = Nd4j.zeros(DataType.FLOAT, 1, net.numParams());
            Optional<LeanNetwork> twin = LeanNetwork.of(net, g, Nd4j.getRandomFactory().getNewRandomInstance(seed + i));
            if (twin.isEmpty()) {
                return Optional.empty();
            }
            twins.add(twin.get());
        }
        return Optional.of(new Twins(twins, adam.get(), seed));
    }

    /**
     * {@code count} copies of a DL4J network, or empty for fewer than 2 or a network with batch
     * normalisation (whose statistics would become each share's).
     */
    static Optional<Twins> graph(ComputationGraph net, int count, long seed) {
        boolean batchNorm = layers(net).stream().anyMatch(l -> l instanceof BatchNormalization);
        if (count < 2 || batchNorm) {
            return Optional.empty();
        }
        List<Replica> copies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            copies.add(new GraphReplica(net));
        }
        return adam(net).map(a -> new Twins(copies, a, seed));
    }

    private static List<Layer> layers(ComputationGraph net) {
        List<Layer> layers = new ArrayList<>();
        net.getConfiguration().getVertices().values().forEach(v -> {
            if (v instanceof LayerVertex lv) {
                Layer l = lv.getLayerConf().getLayer();
                layers.add(l instanceof Bidirectional b ? b.getFwd() : l);
            }
        });
        return layers;
    }

    /** The Adam configuration every layer with parameters shares, without regularisation; else empty. */
    private static Optional<Adam> adam(ComputationGraph net) {
        Adam adam = null;
        for (Layer l : layers(net)) {
            if (l instanceof BaseLayer base) {
                if (!(base.getIUpdater() instanceof Adam a) || (adam != null && !adam.equals(a))
                        || !base.getRegularization().isEmpty() || !base.getRegularizationBias().isEmpty()) {
                    return Optional.empty();
                }
                adam = a;
            }
        }
        return Optional.ofNullable(adam);
    }

    /** The updater configuration of the network's layers. */
    Adam adam() {
        return adam;
    }

    /** The gradient array of replica i. */
    INDArray gradient(int i) {
        return replicas.get(i).gradient();
    }

    /**
     * Runs {@code task} for each share of {@code rows} rows on its replica's thread (fewer replicas
     * when there are fewer rows); returns the results in share order.
     */
    <T> List<T> eachShare(long rows, BiFunction<Replica, long[], T> task) {
        int n = (int) Math.min(replicas.size(), rows);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Replica replica = replicas.get(i);
            long[] share = {i * rows / n, (i + 1) * rows / n};
            futures.add(threads.get(i).submit(() -> task.apply(replica, share)));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(join(f));
        }
        return results;
    }

    /** The (mean, log-variance) output of a batch, as the graph computes it. */
    INDArray output(INDArray[] inputs) {
        return Nd4j.concat(0, eachShare(inputs[0].size(0), (replica, share) -> replica.output(rows(inputs, share)))
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
        threads.forEach(ExecutorService::shutdownNow);
    }
}
