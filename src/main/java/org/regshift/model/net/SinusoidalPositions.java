package org.regshift.model.net;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adds the fixed sinusoidal position encoding of Vaswani et al. (2017) to [batch, channels, length]
 * activations: channel 2i holds sin(p / 10000^(2i/channels)), channel 2i+1 the cosine. DL4J's
 * self-attention is blind to order without it.
 */
public class SinusoidalPositions extends ParameterFreeLayer {
    private static final long serialVersionUID = 1L;

    @Override
    AbstractLayer<?> create(NeuralNetConfiguration conf, DataType dataType) {
        return new SinusoidalPositionsLayer(conf, dataType);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return inputType;
    }

    /** The encoding of {@code channels} x {@code length} activations. */
    public static INDArray encoding(int channels, int length, DataType type) {
        float[] values = new float[channels * length];
        for (int c = 0; c < channels; c++) {
            double rate = Math.pow(10000, -(c - c % 2) / (double) channels);
            for (int p = 0; p < length; p++) {
                values[c * length + p] = (float) (c % 2 == 0 ? Math.sin(p * rate) : Math.cos(p * rate));
            }
        }
        return Nd4j.create(values, new long[] {channels, length}, DataType.FLOAT).castTo(type);
    }
}
