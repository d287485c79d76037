package org.regshift.provenance;

/**
 * provenance.json: tool version, command line, parameters, inputs with SHA-256, times and runtime.
 * Imports io.
 */
