package org.regshift.select;

/**
 * {@code regshift select}: selective prediction: rows ranked by an uncertainty score, a threshold
 * from a coverage or a risk target, and risk-coverage curves. Imports metrics, plot, io, cli and
 * provenance.
 */
