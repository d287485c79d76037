package org.regshift.uncertainty;

import java.util.Map;

/**
 * A recalibration of Gaussian predictive intervals, fitted on a calibration set (rows with known
 * targets) and applied to predictions. It maps a row's predicted mean and variance (and its group,
 * for Mondrian) to a recalibrated variance, whose central Gaussian interval at the fitted level has
 * the intended coverage.
 */
public sealed interface Calibrator permits NoCalibration, VarianceScaling, Conformal {
    /** The recalibrated variance of a row. */
    double variance(double mean, double variance, String group);

    /** The method's name and fitted parameters, for calibrator.json. */
    Map<String, Object> describe();
}
