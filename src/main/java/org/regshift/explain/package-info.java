package org.regshift.explain;

/**
 * {@code regshift explain}: attributions (saliency, gradient x input, integrated gradients, in
 * silico mutagenesis), their recovery of planted sites and their stability. Imports model, motif,
 * seq, metrics, plot, io, cli and provenance, and the simulator's seeded draws.
 */
