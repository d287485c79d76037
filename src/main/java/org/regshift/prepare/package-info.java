/**
 * {@code regshift prepare}: a table of measured activities (any target column; folds or split
 * names) as RegShift's activity table, with a truth table per shift column. Imports io, seq, cli
 * and provenance.
 */
package org.regshift.prepare;
