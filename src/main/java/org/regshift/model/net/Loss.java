package org.regshift.model.net;

import java.util.Arrays;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/** The training losses, by their command-line names. */
public enum Loss {
    GAUSSIAN_NLL("gaussian-nll"), BETA_NLL("beta-nll"), MSE("mse");

    /** Seitzer et al. (2022) recommend 0.5. */
    static final double BETA = 0.5;

    private final String label;

    Loss(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The label, which picocli shows and accepts. */
    @Override
    public String toString() {
        return label;
    }

    ILossFunction function() {
        return switch (this) {
            case GAUSSIAN_NLL -> new GaussianNll();
            case BETA_NLL -> new GaussianNll(BETA);
            case MSE -> new MeanSquaredError();
        };
    }

    /** True when the network's log-variance output is trained, false when the variance is a constant. */
    public boolean learnsVariance() {
        return this != MSE;
    }

    public static Loss parse(String label) {
        return Arrays.stream(values()).filter(l -> l.label.equals(label)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown loss '" + label + "' (available: gaussian-nll, beta-nll, mse)"));
    }
}
