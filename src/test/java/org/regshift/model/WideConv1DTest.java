package org.regshift.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@link WideConv1D} computes what DL4J's Conv1D computes, and its gradients are right. DL4J's
 * layer reads the buffer of its [out, in, kernel, 1] weights as [kernel, in, out]; WideConv1D reads
 * it as it is shaped, so the comparison reorders the weights.
 */
class WideConv1DTest {
    private static INDArray asDl4jReadsIt(INDArray w) {
        return w.reshape(w.size(0), w.size(1), w.size(2)).permute(2, 1, 0).dup('c').reshape('c', w.shape());
    }

    private static MultiLayerNetwork net(Layer conv, DataType type) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5).dataType(type)
                .updater(new NoOp()).weightInit(WeightInit.XAVIER).list()
                .layer(conv)
                .layer(new GlobalPoolingLayer.Builder(PoolingType.MAX).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2).activation(Activation.IDENTITY).build())
                .setInputType(InputType.recurrent(3, 12))
                .build());
        net.init();
        return net;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void equalsDl4jsConv1dForwardAndBackward(boolean same) {
        MultiLayerNetwork wide = net(new WideConv1D(4, 5, same, Activation.RELU), DataType.FLOAT);
        MultiLayerNetwork dl4j = net(new Convolution1DLayer.Builder().kernelSize(5).nOut(4)
                .convolutionMode(same ? ConvolutionMode.Same : ConvolutionMode.Truncate).activation(Activation.RELU).build(), DataType.FLOAT);
        dl4j.setParams(wide.params().dup());
        dl4j.getLayer(0).setParam("W", asDl4jReadsIt(wide.getLayer(0).getParam("W")));
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 3, 12).subi(0.5);
        INDArray y = Nd4j.rand(DataType.FLOAT, 6, 2);
        assertThat(wide.output(x).sub(dl4j.output(x)).amaxNumber().doubleValue()).isLessThan(1e-5);
        var a = wide.calculateGradients(x, y, null, null);
        var b = dl4j.calculateGradients(x, y, null, null);
        assertThat(a.getSecond().sub(b.getSecond()).amaxNumber().doubleValue()).as("input gradient").isLessThan(1e-5);
        var wideGrads = a.getFirst().gradientForVariable();
        var dl4jGrads = b.getFirst().gradientForVariable();
        assertThat(asDl4jReadsIt(wideGrads.get("0_W")).sub(dl4jGrads.get("0_W")).amaxNumber().doubleValue()).isLessThan(1e-5);
        for (String p : new String[] {"0_b", "2_W", "2_b"}) {
            assertThat(wideGrads.get(p).sub(dl4jGrads.get(p)).amaxNumber().doubleValue()).as(p).isLessThan(1e-5);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void gradientsMatchFiniteDifferences(boolean same) {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            MultiLayerNetwork net = net(new WideConv1D(4, 3, same, Activation.TANH), DataType.DOUBLE);
            INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 3, 12);
            INDArray y = Nd4j.rand(DataType.DOUBLE, 4, 2);
            assertThat(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(x).labels(y)
                    .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8))).isTrue();
        } finally {
            Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        }
    }
}
