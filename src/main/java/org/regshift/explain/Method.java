package org.regshift.explain;

/** The attribution methods of {@code explain}. */
public enum Method {
    SALIENCY, GRAD_X_INPUT, INTEGRATED_GRADIENTS, ISM;

    /** The name on the command line (grad-x-input). */
    public String label() {
        return name().toLowerCase().replace('_', '-');
    }

    @Override
    public String toString() {
        return label();
    }
}
