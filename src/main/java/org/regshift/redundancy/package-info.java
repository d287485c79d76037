package org.regshift.redundancy;

/**
 * {@code regshift redundancy}: motif sites ablated alone and in pairs, interaction and redundancy
 * per motif pair, and a global mask over motif types. Imports model, motif, seq, plot, io, cli and
 * provenance, and the simulator's seeded draws.
 */
