package org.regshift.seq;

/** One named DNA sequence, upper-case over the alphabet ACGTN. */
public record SeqRecord(String id, String bases) {
}
