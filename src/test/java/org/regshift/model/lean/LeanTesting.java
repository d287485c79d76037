package org.regshift.model.lean;

import java.util.Random;
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

    public static double maxDifference(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }

    private LeanTesting() {
    }
}
