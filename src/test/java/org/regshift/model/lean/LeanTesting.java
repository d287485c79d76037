package org.regshift.model.lean;

import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.regshift.model.net.Head;
import org.regshift.model.net.Loss;
import org.regshift.model.net.Networks;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Inputs and comparisons that the tests of the lean engine and of training share. */
public final class LeanTesting {
    public static final int LENGTH = 60;

    /**
     * One-hot random sequences that start with a run of 12 A: neighbouring positions in a run have
     * the same convolution output, so max-pool windows there hold tied maxima.
     */
    public static INDArray sequences(int n, Random random) {
        float[] x = new float[n * 4 * LENGTH];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < LENGTH; p++) {
                x[i * 4 * LENGTH + (p < 12 ? 0 : random.nextInt(4)) * LENGTH + p] = 1;
            }
        }
        return Nd4j.create(x, new long[] {n, 4, LENGTH}, DataType.FLOAT);
    }

    public static INDArray labels(int n, Random random) {
        float[] y = new float[2 * n];
        for (int i = 0; i < n; i++) {
            y[2 * i] = (float) random.nextGaussian();
        }
        return Nd4j.create(y, new long[] {n, 2}, DataType.FLOAT);
    }

    /** A LegNet in miniature: batch norm, SiLU, depthwise convolution, squeeze-and-excitation, concatenation, average pooling. */
    public static ComputationGraph miniLegNet(Adam adam, int seed) {
        return Networks.create(t -> t.localBlock(8, 5).efficientBlock(2, 3).localBlock(6, 3).maxPool(2).mapper(8)
                .globalAveragePool(), new Head(8, true, Activation.SWISH, 0, 0), LENGTH, 0, Loss.GAUSSIAN_NLL, adam, seed);
    }

    public static double maxDifference(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }

    private LeanTesting() {
    }
}
