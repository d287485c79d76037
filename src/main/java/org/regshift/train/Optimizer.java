package org.regshift.train;

import java.util.Locale;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.learning.config.Adam;
import org.regshift.model.net.Networks;
import org.regshift.model.net.OneCycleSchedule;

/**
 * Adam, or AdamW when {@code weightDecay} is above 0, with a constant learning rate or a one-cycle
 * schedule peaking at {@code maxLearningRate} (PyTorch's OneCycleLR, as LegNet trains).
 */
public record Optimizer(double learningRate, Schedule schedule, double maxLearningRate, double weightDecay) {

    /** How the learning rate moves over the steps. */
    public enum Schedule {
        CONSTANT, ONECYCLE;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The optimiser's name: adam, or adamw with decoupled weight decay. */
    public String name() {
        return weightDecay > 0 ? "adamw" : "adam";
    }

    /** The Adam configuration of a run of {@code totalSteps} steps. */
    public Adam adam(int totalSteps) {
        return schedule == Schedule.CONSTANT ? new Adam(learningRate)
                : Adam.builder().learningRateSchedule(new OneCycleSchedule(maxLearningRate, totalSteps)).build();
    }

    /** The decoupled weight decay of {@code net}'s steps under {@code adam}. */
    DecoupledDecay decay(Adam adam, ComputationGraph net) {
        return new DecoupledDecay(weightDecay, adam, Networks.learnedMask(net));
    }
}
