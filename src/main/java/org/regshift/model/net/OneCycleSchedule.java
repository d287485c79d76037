package org.regshift.model.net;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The one-cycle learning-rate schedule as PyTorch's OneCycleLR computes it (two phases, cosine
 * annealing, 30% warm-up, div_factor 25, final_div_factor 1e4): from maxLr / 25 up to maxLr over
 * the first 30% of the steps, then down to maxLr / 25 / 1e4 at the last step; by iteration.
 */
public record OneCycleSchedule(@JsonProperty("maxLearningRate") double maxLearningRate,
                               @JsonProperty("totalSteps") int totalSteps) implements ISchedule {
    private static final double WARM_UP = 0.3;
    private static final double DIV_FACTOR = 25;
    private static final double FINAL_DIV_FACTOR = 1e4;

    @Override
    public double valueAt(int iteration, int epoch) {
        double initial = maxLearningRate / DIV_FACTOR;
        double peakStep = WARM_UP * totalSteps - 1;
        double lastStep = totalSteps - 1;
        int step = Math.min(iteration, totalSteps - 1);
        if (step <= peakStep) {
            return anneal(initial, maxLearningRate, step / peakStep);
        }
        return anneal(maxLearningRate, initial / FINAL_DIV_FACTOR, (step - peakStep) / (lastStep - peakStep));
    }

    private static double anneal(double from, double to, double fraction) {
        return to + (from - to) / 2 * (1 + Math.cos(Math.PI * fraction));
    }

    @Override
    public ISchedule clone() {
        return this;
    }
}
