package org.regshift.variants;

/**
 * Bajwa et al. (2024)'s categories of a variant whose effect was measured: every member predicts
 * the measured sign, every member predicts the opposite one, or the members disagree.
 */
enum Agreement {
    CONSISTENTLY_CORRECT, CONSISTENTLY_INCORRECT, INCONSISTENT;

    String label() {
        return name().toLowerCase();
    }
}
