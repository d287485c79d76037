package org.regshift.seq;

/**
 * DNA sequences: the alphabet, FASTA reading (plain, gzip, bgzip, indexed) and writing, and
 * sequences from tables or FASTA as one {@link org.regshift.seq.SequenceSource}. Imports io.
 */
