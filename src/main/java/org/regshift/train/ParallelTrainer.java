package org.regshift.train;

import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.regshift.model.lean.Engine;
import org.regshift.model.lean.NdRuntime;
import org.regshift.model.lean.TwinThreads;
import org.regshift.model.lean.Twins;

/**
 * Trains a network with Adam (or AdamW) on {@link Twins}, one per thread the run may use (lean twins or copies
 * of the DL4J network, as the {@link Engine} says). Their gradients are summed in order, so each
 * step is the full batch's, equal to DL4J's fit (tested), and the same bytes for the same seed and
 * thread count. libnd4j runs single-threaded while the trainer is open.
 */
final class ParallelTrainer implements TrainingSteps {
    private final Twins twins;
    private final INDArray params;
    private final INDArray gradient;
    private final GradientUpdater<?> updater;
    private final DecoupledDecay decay;
    private final int threads;
    private int iteration;

    private ParallelTrainer(ComputationGraph net, Twins twins, Adam adam, DecoupledDecay decay, int threads) {
        this.twins = twins;
        if (net.getFlattenedGradients() == null) {
            net.initGradientsView();
        }
        this.params = net.params().reshape(1, net.numParams());
        this.gradient = net.getFlattenedGradients().reshape(1, net.numParams());
        this.updater = adam.instantiate(Nd4j.zeros(DataType.FLOAT, 1, 2 * net.numParams()), true);
        this.decay = decay;
        this.threads = threads;
        NdRuntime.threads(1);
    }

    /** A trainer of {@code net} on lean twins, one per thread of {@code threads} (which stay running after {@link #close}), with {@code decay}. */
    static ParallelTrainer on(TwinThreads threads, ComputationGraph net, long seed, DecoupledDecay decay) {
        Adam adam = sharedAdam(net).orElseThrow(() -> new IllegalArgumentException("the layers do not share one Adam"));
        return new ParallelTrainer(net, Twins.on(threads, net, seed), adam, decay, threads.size());
    }

    /** The Adam configuration every layer with parameters shares, without regularisation; else empty. */
    static Optional<Adam> sharedAdam(ComputationGraph net) {
        Adam adam = null;
        for (Layer l : Engine.layers(net)) {
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

    @Override
    public double fit(INDArray[] inputs, INDArray labels) {
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
        INDArray decrement = decay.before(params, iteration);
        updater.applyUpdater(gradient, iteration++, 0);
        params.subi(gradient);
        decay.after(params, decrement);
        twins.afterStep();
        return loss / rows;
    }

    @Override
    public INDArray output(INDArray[] inputs) {
        return twins.output(inputs);
    }

    /** Gives libnd4j its {@code threads} back. */
    @Override
    public void close() {
        NdRuntime.threads(threads);
    }
}
