package org.regshift.metrics;

/** Prediction intervals given by their bounds, one per row; a bound may be infinite. */
public record Bounds(double[] lower, double[] upper) {
}
