package org.regshift.simulate;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code regshift simulate} needs: the model settings, the motifs (null: the shipped default
 * set), one scenario at a severity or the whole suite (then {@code testN} sequences per test
 * library) or only the named libraries of the suite (empty: all), the negative controls added to
 * every library, the seed, the threads and the output directory.
 */
public record SimRequest(SimParameters params, Path motifs, Scenario scenario, double severity, boolean suite, int testN,
                         List<String> libraries, int controls, long seed, int threads, Path out) {
}
