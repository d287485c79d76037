package org.regshift.simulate;

import java.util.List;
import java.util.Locale;

/**
 * The distribution shifts the simulator can switch on, one at a time, each with a severity knob,
 * its range, and the mild/moderate/severe levels of the benchmark suite.
 */
public enum Scenario {
    /** In distribution: the training library's own process. */
    REFERENCE(0, 0, 0, 0, 0),
    /** The test sequences' mean GC fraction moves by the severity. */
    GC_SHIFT(-0.3, 0.3, 0.05, 0.1, 0.2),
    /** A fraction (the severity) of motif effects is permuted or sign-flipped: the truth changes. */
    MOTIF_REWIRING(0, 1, 0.25, 0.5, 1),
    /** A fraction (the severity) of PWM positions prefer other bases: binding specificity changes, information content does not. */
    PWM_PERTURBATION(0, 1, 0.25, 0.5, 1),
    /** Each cell program moves towards the next cell type's (1: replaced by it). */
    CELL_TYPE(0, 1, 0.25, 0.5, 1),
    /** DNA and RNA depth fall by a factor 10^(1.5 x severity). */
    DEPTH_SHIFT(0, 1, 0.25, 0.5, 1),
    /** A new batch with a multiplicative and a GC-dependent RNA bias. */
    BATCH_SHIFT(0, 1, 0.25, 0.5, 1),
    /** NB overdispersion grows with activity and with low DNA counts. */
    HETEROSCEDASTIC_NOISE(0, 1, 0.25, 0.5, 1);

    /** Names of the suite's severity levels. */
    public static final List<String> LEVELS = List.of("mild", "moderate", "severe");

    private final double min;
    private final double max;
    private final double[] levels;

    Scenario(double min, double max, double... levels) {
        this.min = min;
        this.max = max;
        this.levels = levels;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The label, which picocli shows and accepts. */
    @Override
    public String toString() {
        return label();
    }

    /** The severity of a suite level (0 mild, 1 moderate, 2 severe). */
    public double level(int index) {
        return levels[index];
    }

    /** The severity used when none is given: the moderate level. */
    public double defaultSeverity() {
        return levels[1];
    }

    public void checkSeverity(double severity) {
        if (!(severity >= min && severity <= max)) {
            throw new IllegalArgumentException("severity " + severity + " is outside [" + min + ", " + max
                    + "] for scenario " + label());
        }
    }

    public Shift shift(double severity) {
        checkSeverity(severity);
        double s = severity;
        return switch (this) {
            case REFERENCE -> Shift.NONE;
            case GC_SHIFT -> new Shift(s, 0, 0, 0, 1, 0, 0, 0);
            case MOTIF_REWIRING -> new Shift(0, s, 0, 0, 1, 0, 0, 0);
            case PWM_PERTURBATION -> new Shift(0, 0, s, 0, 1, 0, 0, 0);
            case CELL_TYPE -> new Shift(0, 0, 0, s, 1, 0, 0, 0);
            case DEPTH_SHIFT -> new Shift(0, 0, 0, 0, Math.pow(10, -1.5 * s), 0, 0, 0);
            case BATCH_SHIFT -> new Shift(0, 0, 0, 0, 1, s, 3 * s, 0);
            case HETEROSCEDASTIC_NOISE -> new Shift(0, 0, 0, 0, 1, 0, 0, s);
        };
    }
}
