package org.regshift.attack;

/**
 * {@code regshift attack}: FGSM, PGD and greedy substitution attacks on a model's predictions, and
 * the attack methods that adversarial training reuses. Imports model, motif, seq, metrics, plot, io,
 * cli and provenance.
 */
