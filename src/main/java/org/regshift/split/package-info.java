package org.regshift.split;

/**
 * Seeded train/valid/calibration/test splits that keep groups of elements together. Imports
 * nothing of RegShift.
 */
