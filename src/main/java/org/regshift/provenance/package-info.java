/**
 * provenance.json: tool version, command line, parameters, inputs with SHA-256, times and runtime.
 * Imports io.
 */
package org.regshift.provenance;
