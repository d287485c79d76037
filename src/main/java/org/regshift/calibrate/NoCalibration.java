package org.regshift.calibrate;

import java.util.Map;
import org.regshift.io.Json;

/** The model's own variance, unchanged: the baseline the others are compared against. */
public record NoCalibration() implements Calibrator {
    @Override
    public double variance(double mean, double variance, RowContext row) {
        return variance;
    }

    @Override
    public Map<String, Object> describe() {
        return Json.object("method", "none");
    }
}
