package org.regshift.calibrate;

/** The recalibrations {@code calibrate} fits, by their command-line names. */
public enum CalibrationMethod {
    NONE, VARIANCE_SCALING, ISOTONIC, CONFORMAL, MONDRIAN, WEIGHTED_CONFORMAL;

    /** Whether its intervals come from conformal thresholds, which need enough calibration rows. */
    public boolean isConformal() {
        return this == CONFORMAL || this == MONDRIAN || this == WEIGHTED_CONFORMAL;
    }

    @Override
    public String toString() {
        return name().toLowerCase().replace('_', '-');
    }
}
