package org.regshift.model.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

class GaussianNllTest {
    @Test
    void scoreIsTheGaussianNegativeLogLikelihood() {
        INDArray out = Nd4j.create(new double[][] {{0.5, Math.log(4)}, {-1, 0}});
        INDArray labels = Nd4j.create(new double[][] {{1.5, 0}, {-1, 0}});
        INDArray perExample = new GaussianNll().computeScoreArray(labels, out, new ActivationIdentity(), null);
        assertThat(perExample.getDouble(0, 0)).isCloseTo(0.5 * (Math.log(4) + 1.0 / 4), within(1e-12));
        assertThat(perExample.getDouble(1, 0)).isCloseTo(0, within(1e-12));
        assertThat(new GaussianNll().computeScore(labels, out, new ActivationIdentity(), null, true))
                .isCloseTo(0.25 * (Math.log(4) + 0.25), within(1e-12));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                    .updater(new NoOp()).weightInit(WeightInit.XAVIER).list()
                    .layer(new DenseLayer.Builder().nIn(3).nOut(5).activation(Activation.TANH).build())
                    .layer(new OutputLayer.Builder(new GaussianNll()).nIn(5).nOut(2).activation(Activation.IDENTITY).build())
                    .build());
            net.init();
            INDArray x = Nd4j.rand(DataType.DOUBLE, 8, 3);
            INDArray y = Nd4j.zeros(DataType.DOUBLE, 8, 2);
            y.putColumn(0, Nd4j.randn(DataType.DOUBLE, 8, 1));
            boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(x).labels(y)
                    .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8));
            assertThat(ok).isTrue();
        } finally {
            Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        }
    }
}
