package org.regshift.model.net;

import org.nd4j.linalg.activations.Activation;

/**
 * The dense layer that {@link Networks} puts between the trunk's vector (with the prior features
 * merged in, if any) and the (mean, log-variance) output: its units, whether batch normalisation
 * follows it (before the activation), its activation, the fraction of its inputs dropped in
 * training, and the standard deviation of the normal distribution its weights and the output's
 * start from (0: Xavier).
 */
public record Head(int units, boolean batchNorm, Activation activation, double dropout, double weightSd) {
    /** Dense 64 + ReLU, Xavier-initialised, as the CNNs, the BiLSTM and the transformer use. */
    public static Head plain(double dropout) {
        return new Head(64, false, Activation.RELU, dropout, 0);
    }
}
