package org.regshift.model;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.regshift.motif.Bases;

/**
 * One-hot encoding of DNA as float32 [batch, 4 (A, C, G, T), length] (NCW, the layout DL4J's 1D
 * convolutions need). N is all zeros; longer sequences are centre-cropped and shorter ones
 * centre-padded with N to the model's length.
 */
public final class OneHot {
    private OneHot() {
    }

    public static INDArray encode(List<String> sequences, int length) {
        int n = sequences.size();
        float[] data = new float[n * 4 * length];
        for (int i = 0; i < n; i++) {
            String s = sequences.get(i);
            int crop = Math.max(0, (s.length() - length) / 2);
            int pad = Math.max(0, (length - s.length()) / 2);
            int used = Math.min(s.length(), length);
            int base = i * 4 * length;
            for (int p = 0; p < used; p++) {
                int channel = Bases.index(s.charAt(crop + p));
                if (channel >= 0) {
                    data[base + channel * length + pad + p] = 1f;
                }
            }
        }
        return Nd4j.create(data, new long[] {n, 4, length}, DataType.FLOAT);
    }

    /**
     * The inputs of a batch as the networks take them: the one-hot sequences, and the prior
     * features when the model has them ({@code priors} not null).
     */
    public static INDArray[] inputs(List<String> sequences, int length, PriorFeatures priors) {
        INDArray x = encode(sequences, length);
        return priors == null ? new INDArray[] {x} : new INDArray[] {x, priors.encode(sequences)};
    }

    /** The sequence centre-cropped or N-padded to {@code length}, as {@link #encode} reads it. */
    public static String fit(String s, int length) {
        if (s.length() >= length) {
            int crop = (s.length() - length) / 2;
            return s.substring(crop, crop + length);
        }
        int pad = (length - s.length()) / 2;
        return "N".repeat(pad) + s + "N".repeat(length - s.length() - pad);
    }

    /** Where position {@code p} (0-based) of a sequence of {@code sequenceLength} falls in its window; outside: -1 or >= length. */
    public static int windowPosition(int p, int sequenceLength, int length) {
        return p - Math.max(0, (sequenceLength - length) / 2) + Math.max(0, (length - sequenceLength) / 2);
    }
}
