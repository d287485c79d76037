package org.regshift.sim;

import java.nio.file.Path;

/**
 * What {@code regshift simulate} needs: the model settings, the motifs (null: the shipped default
 * set), one scenario at a severity or the whole suite (then {@code testN} sequences per test
 * library), the seed, the threads and the output directory.
 */
public record SimRequest(SimParameters params, Path motifs, Scenario scenario, double severity, boolean suite, int testN,
                         long seed, int threads, Path out) {
}
