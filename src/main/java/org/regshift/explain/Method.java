package org.regshift.explain;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The attribution methods of {@code explain}. */
public enum Method {
    SALIENCY, GRAD_X_INPUT, INTEGRATED_GRADIENTS, ISM;

    /** The name on the command line (grad-x-input). */
    public String label() {
        return name().toLowerCase().replace('_', '-');
    }

    public static Method parse(String label) {
        for (Method m : values()) {
            if (m.label().equals(label)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown method '" + label + "': expected one of "
                + Arrays.stream(values()).map(Method::label).collect(Collectors.joining(", ")));
    }
}
