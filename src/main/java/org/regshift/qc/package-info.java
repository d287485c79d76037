package org.regshift.qc;

/**
 * {@code regshift qc}: MPRA count tables (every layout the step understands) to an activity table
 * with QC metrics, MultiQC files and a split. Imports the shared libraries (cli, io, seq, metrics,
 * plot, split, provenance), no other step.
 */
