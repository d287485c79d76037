package org.regshift.calibrate;

/**
 * What a calibrator may know of a row besides its predicted mean and variance: its Mondrian group
 * ("" without one) and its covariate-shift weight (the estimated density ratio of the test inputs
 * to the calibration inputs at the row; 1 without one).
 */
public record RowContext(String group, double weight) {
    public static final RowContext NONE = new RowContext("", 1);
}
