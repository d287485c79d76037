package org.regshift.select;

/** The uncertainty scores that rank rows for selective prediction, by their column-like names. */
public enum SelectionScore {
    VAR_TOTAL, VAR_EPISTEMIC, VAR_ALEATORIC, WIDTH, OOD;

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
