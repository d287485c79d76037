package org.regshift.evaluate;

/**
 * {@code regshift evaluate}: every metric per scenario, its ratio to the reference and per group,
 * as an {@link org.regshift.evaluate.Evaluation} rendered into metrics.json, metrics.tsv and the
 * shift report. Imports metrics, plot, io, cli and provenance.
 */
