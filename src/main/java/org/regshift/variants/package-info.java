package org.regshift.variants;

/**
 * {@code regshift score-variants}: allele effects of VCF records (or of a motif inserted into
 * background sequences) with each ensemble member and their agreement. Imports model, seq, motif,
 * metrics, plot, io, cli and provenance.
 */
