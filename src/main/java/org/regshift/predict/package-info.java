package org.regshift.predict;

/**
 * {@code regshift predict}: predictions with aleatoric and epistemic variance for every row of a
 * table, streamed in batches, with the provenance beside the table. Imports model, seq, io, cli and
 * provenance.
 */
