package org.regshift.simulate;

/**
 * {@code regshift simulate}: MPRA libraries with known truth under distribution shift (sequences,
 * counts, truth and every scenario of the benchmark suite). Imports the shared libraries
 * (cli, io, seq, motif, provenance), no other step.
 */
