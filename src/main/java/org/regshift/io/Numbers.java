package org.regshift.io;

import java.math.BigDecimal;
import java.math.MathContext;

/** How numbers are written to tables: reproducible text, "NA" for a missing value. */
public final class Numbers {
    public static final String MISSING = "NA";
    private static final MathContext SIGNIFICANT = new MathContext(7);
    private static final long[] POWERS = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
        100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L};

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
        double magnitude = Math.abs(value);
        if (magnitude >= 1e-4 && magnitude < 1e7) {
            return fixed(value, magnitude);
        }
        BigDecimal rounded = new BigDecimal(value).round(SIGNIFICANT).stripTrailingZeros();
        return magnitude >= 1e-4 && magnitude < 1e15 ? rounded.toPlainString() : rounded.toString();
    }

    /** The common case without BigDecimal: 7 significant digits in fixed notation, by long arithmetic. */
    private static String fixed(double value, double magnitude) {
        int before = (int) Math.floor(Math.log10(magnitude)) + 1;
        int decimals = SIGNIFICANT.getPrecision() - before;
        long scale = POWERS[decimals];
        long scaled = Math.round(magnitude * scale);
        StringBuilder s = new StringBuilder(16);
        if (value < 0) {
            s.append('-');
        }
        s.append(scaled / scale);
        long fraction = scaled % scale;
        if (fraction != 0) {
            String digits = Long.toString(fraction);
            s.append('.');
            for (int i = digits.length(); i < decimals; i++) {
                s.append('0');
            }
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            s.append(digits, 0, end);
        }
        return s.toString();
    }
}
