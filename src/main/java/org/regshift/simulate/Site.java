package org.regshift.simulate;

/**
 * A planted motif site: the motif's index, its 0-based start, the strand, and its affinity in (0, 1]:
 * the occupancy x (1 + K) / (x + K) of its relative affinity x = 2^(score - best score) under the
 * reference PWM, with K = 1/16, so a consensus site has 1 and a site 4 bits below it about 1/2.
 */
public record Site(int motif, int start, boolean minus, double affinity) {
}
