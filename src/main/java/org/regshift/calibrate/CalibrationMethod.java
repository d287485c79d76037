package org.regshift.calibrate;

/** The recalibrations {@code calibrate} fits, by their command-line names. */
public enum CalibrationMethod {
    NONE, VARIANCE_SCALING, ISOTONIC, CONFORMAL, MONDRIAN;

    @Override
    public String toString() {
        return name().toLowerCase().replace('_', '-');
    }
}
