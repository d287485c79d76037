package org.regshift.model;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;

/** A network design that maps one-hot sequences [batch, 4, length] to (mean, log-variance). */
public sealed interface Architecture permits CnnReference {
    /** The name used on the command line and in model.json. */
    String name();

    MultiLayerConfiguration configuration(int length, double learningRate, long seed);

    static Architecture parse(String name) {
        if (name.equals(CnnReference.NAME)) {
            return new CnnReference();
        }
        throw new IllegalArgumentException("unknown architecture '" + name + "' (available: " + CnnReference.NAME + ")");
    }
}
