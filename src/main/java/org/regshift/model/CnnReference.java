package org.regshift.model;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The reference Gaussian CNN, layer for layer the one in the PyTorch peer
 * (shared/bench/torch_reference.py): Conv1D 4->128 kernel 15 'same' + ReLU, max pool 4, Conv1D
 * 128->128 kernel 5 'valid' + ReLU, global max pool, Dense 64 + ReLU, Dense 2 (mean, log-variance).
 */
public record CnnReference() implements Architecture {
    public static final String NAME = "cnn-reference";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public MultiLayerConfiguration configuration(int length, double learningRate, long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new Convolution1DLayer.Builder().kernelSize(15).nIn(4).nOut(128)
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.RELU).build())
                .layer(new MaxPool1D(4))
                .layer(new Convolution1DLayer.Builder().kernelSize(5).nOut(128)
                        .convolutionMode(ConvolutionMode.Truncate).activation(Activation.RELU).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.MAX).build())
                .layer(new DenseLayer.Builder().nOut(64).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(new GaussianNll()).nOut(2).activation(Activation.IDENTITY).build())
                .setInputType(InputType.recurrent(4, length))
                .build();
    }
}
