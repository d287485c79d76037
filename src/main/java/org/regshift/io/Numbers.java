package org.regshift.io;

import java.math.BigDecimal;
import java.math.MathContext;

/** How numbers are written to tables: reproducible text, "NA" for a missing value. */
public final class Numbers {
    public static final String MISSING = "NA";
    private static final MathContext SIGNIFICANT = new MathContext(7);

    private Numbers() {
    }

    /** A double with 7 significant digits, trailing zeros removed; NaN as NA. */
    public static String format(double value) {
        if (Double.isNaN(value)) {
            return MISSING;
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        BigDecimal rounded = new BigDecimal(value).round(SIGNIFICANT).stripTrailingZeros();
        double magnitude = Math.abs(value);
        return magnitude >= 1e-4 && magnitude < 1e15 ? rounded.toPlainString() : rounded.toString();
    }
}
