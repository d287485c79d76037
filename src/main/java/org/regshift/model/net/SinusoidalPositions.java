package org.regshift.model.net;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.nd4j.linalg.api.buffer.DataType;

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
}
