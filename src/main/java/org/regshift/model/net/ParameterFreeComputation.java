package org.regshift.model.net;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.nd4j.linalg.api.buffer.DataType;

/** The computing side of a {@link ParameterFreeLayer}. */
abstract class ParameterFreeComputation<T extends ParameterFreeLayer> extends AbstractLayer<T> {
    private static final long serialVersionUID = 1L;

    ParameterFreeComputation(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public void clearNoiseWeightParams() {
        // no parameters
    }
}
