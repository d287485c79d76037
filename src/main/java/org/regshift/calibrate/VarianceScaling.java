package org.regshift.calibrate;

import java.util.Map;
import org.regshift.io.Json;

/**
 * Variance scaling: every variance times s^2 = mean((y - mu)^2 / var) over the calibration set,
 * the factor that minimises the Gaussian NLL there.
 */
public record VarianceScaling(double factor) implements Calibrator {
    public static VarianceScaling fit(double[] y, double[] mu, double[] var) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += (y[i] - mu[i]) * (y[i] - mu[i]) / var[i];
        }
        return new VarianceScaling(s / y.length);
    }

    @Override
    public double variance(double mean, double variance, RowContext row) {
        return variance * factor;
    }

    @Override
    public Map<String, Object> describe() {
        return Json.object("method", "variance-scaling", "factor", factor);
    }
}
