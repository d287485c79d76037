package org.regshift.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.regshift.model.lean.Engine;
import org.regshift.model.lean.TwinThreads;

/** How a network takes its optimisation steps and computes its output while it trains, on one {@link Engine}. */
interface TrainingSteps extends AutoCloseable {
    /** One step on a mini-batch; returns the batch's mean loss before the step. */
    double fit(INDArray[] inputs, INDArray labels);

    /** The (mean, log-variance) output of a batch, as the graph computes it. */
    INDArray output(INDArray[] inputs);

    @Override
    void close();

    /** The steps of {@code engine}: DL4J's own fit, or twins on {@code threads}; each with {@code decay}. */
    static TrainingSteps of(Engine engine, ComputationGraph net, TwinThreads threads, long seed, DecoupledDecay decay) {
        return engine == Engine.DL4J ? new GraphSteps(net, decay) : ParallelTrainer.on(threads, net, seed, decay);
    }

    /** DL4J's own fit and output. */
    record GraphSteps(ComputationGraph net, DecoupledDecay decay) implements TrainingSteps {
        @Override
        public double fit(INDArray[] inputs, INDArray labels) {
            INDArray decrement = decay.before(net.params(), net.getIterationCount());
            net.fit(new MultiDataSet(inputs, new INDArray[] {labels}));
            decay.after(net.params(), decrement);
            return net.score();
        }

        @Override
        public INDArray output(INDArray[] inputs) {
            return net.outputSingle(false, inputs);
        }

        @Override
        public void close() {
        }
    }
}
