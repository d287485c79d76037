package org.regshift.model.net;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Non-overlapping 1D max pooling (window = stride = {@code size}, the remainder dropped, as
 * PyTorch's MaxPool1d does) on [batch, channels, length] activations, computed by
 * {@link MaxPooling}; DL4J's Subsampling1D through oneDNN was the largest cost of training in a
 * profile (BENCHMARKS.md).
 */
public class MaxPool1D extends ParameterFreeLayer {
    private static final long serialVersionUID = 1L;
    private int size;

    public MaxPool1D() {
        // for JSON deserialisation of saved models
    }

    public MaxPool1D(int size) {
        this.size = size;
    }

    public int getSize() {
        return size;
    }

    public void setSize(int size) {
        this.size = size;
    }

    @Override
    AbstractLayer<?> create(NeuralNetConfiguration conf, DataType dataType) {
        return new MaxPool1DLayer(conf, dataType);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeRecurrent in = (InputType.InputTypeRecurrent) inputType;
        return InputType.recurrent(in.getSize(), in.getTimeSeriesLength() / size);
    }
}
