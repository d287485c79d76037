package org.regshift.ensemble;

/**
 * {@code regshift ensemble}: model bundles trained as separate members merged into one ensemble
 * bundle. Imports model, io, cli and provenance.
 */
