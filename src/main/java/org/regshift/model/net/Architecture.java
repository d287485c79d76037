package org.regshift.model.net;

import java.util.List;

/**
 * A network design: the trunk that turns one-hot sequences [batch, 4, length] into a vector, and
 * the dense head that {@link Networks} puts after it (with the prior features merged in, if any)
 * before the (mean, log-variance) output.
 */
public sealed interface Architecture permits Cnn, CnnReference, BiLstm, Transformer, LegNet {
    List<Architecture> ALL = List.of(new Cnn(), new CnnReference(), new BiLstm(), new Transformer(), new LegNet());

    /** The name used on the command line and in model.json. */
    String name();

    /** Adds the trunk's blocks; returns the name of the vertex that holds the sequence's vector. */
    String trunk(Trunk trunk);

    Head head();

    /**
     * The most sequences one forward pass of inference takes; larger batches are passed in parts
     * (the activations of a pass, not the weights, are what fills memory).
     */
    default int inferencePassLimit() {
        return Integer.MAX_VALUE;
    }

    static Architecture parse(String name) {
        return ALL.stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unknown architecture '" + name + "' (available: " + String.join(", ", ALL.stream().map(Architecture::name).toList()) + ")"));
    }
}
