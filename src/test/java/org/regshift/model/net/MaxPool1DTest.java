package org.regshift.model.net;

import static org.assertj.core.api.Assertions.assertThat;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class MaxPool1DTest {
    @Test
    void poolsWindowsAndDropsTheRemainderLikePyTorch() {
        INDArray x = Nd4j.create(new float[] {1, 5, 2, 0, -1, -3, 7, 7, 9, 4}, new long[] {1, 1, 10}, 'c');
        MaxPool1DLayer layer = (MaxPool1DLayer) new MaxPool1D(4).instantiate(conf(), null, 0, null, false, DataType.FLOAT);
        layer.setInput(x, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
        INDArray out = layer.activate(false, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
        assertThat(out.shape()).containsExactly(1, 1, 2);
        assertThat(out.reshape(2).toFloatVector()).containsExactly(5f, 7f);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.DOUBLE)
                    .updater(new NoOp()).weightInit(WeightInit.XAVIER).list()
                    .layer(new Convolution1DLayer.Builder().kernelSize(3).nIn(2).nOut(3).convolutionMode(ConvolutionMode.Same)
                            .activation(Activation.TANH).build())
                    .layer(new MaxPool1D(3))
                    .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2).activation(Activation.IDENTITY).build())
                    .setInputType(InputType.recurrent(2, 10))
                    .build());
            net.init();
            INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 2, 10);
            INDArray y = Nd4j.rand(DataType.DOUBLE, 4, 2);
            assertThat(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(x).labels(y)
                    .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8))).isTrue();
        } finally {
            Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        }
    }

    private static NeuralNetConfiguration conf() {
        return new NeuralNetConfiguration.Builder().layer(new MaxPool1D(4)).build();
    }
}
