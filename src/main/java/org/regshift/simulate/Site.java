package org.regshift.simulate;

/**
 * A motif site (planted, or any occupied window): the motif's index, its 0-based start, the strand,
 * and its affinity in (0, 1], the {@link Occupancy} of its window.
 */
public record Site(int motif, int start, boolean minus, double affinity) {
}
