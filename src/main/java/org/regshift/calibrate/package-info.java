package org.regshift.calibrate;

/**
 * {@code regshift calibrate}: recalibration of predictive intervals (variance scaling, isotonic,
 * split and Mondrian conformal), fitted on calibration rows and applied to prediction tables.
 * Imports metrics, io, cli and provenance.
 */
