package org.regshift.train;

/** Training could not produce a model (the loss diverged); reported as one line, exit code 1. */
public final class TrainingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrainingException(String message) {
        super(message, null, false, false);
    }
}
