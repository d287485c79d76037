package org.regshift.metrics;

/**
 * The one implementation of every metric (accuracy, proper scores, intervals, calibration curves,
 * selective risk) and of the prediction and truth tables they read. Imports io.
 */
