package org.regshift.calibrate;

import java.util.Map;
import org.regshift.metrics.Metrics;

/**
 * A recalibration of Gaussian predictive intervals, fitted on a calibration set (rows with known
 * targets) and applied to predictions. It maps a row's predicted mean and variance (and its group,
 * for Mondrian) to a recalibrated variance, whose central Gaussian interval at the first fitted
 * level has the intended coverage, and to an interval at each fitted level.
 */
public sealed interface Calibrator permits NoCalibration, VarianceScaling, Conformal, Isotonic, WeightedConformal {
    /** The recalibrated variance of a row. */
    double variance(double mean, double variance, RowContext row);

    /** The recalibrated central interval {lower, upper} of a row at a fitted level. */
    default double[] interval(double mean, double variance, RowContext row, double level) {
        double half = Metrics.zOf(level) * Math.sqrt(variance(mean, variance, row));
        return new double[] {mean - half, mean + half};
    }

    /** Where a fitted level is in the fitted levels. */
    static int indexOf(double[] levels, double level) {
        for (int k = 0; k < levels.length; k++) {
            if (levels[k] == level) {
                return k;
            }
        }
        throw new IllegalArgumentException("level " + level + " was not fitted");
    }

    /** The method's name and fitted parameters, for calibrator.json. */
    Map<String, Object> describe();
}
