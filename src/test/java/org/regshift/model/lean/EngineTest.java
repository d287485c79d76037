package org.regshift.model.lean;

import static org.assertj.core.api.Assertions.assertThat;
import org.nd4j.linalg.learning.config.Adam;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Sgd;
import org.regshift.model.net.BiLstm;
import org.regshift.model.net.Cnn;
import org.regshift.model.net.CnnReference;
import org.regshift.model.net.Loss;
import org.regshift.model.net.Networks;
import org.regshift.model.net.Transformer;

/** Which engine runs which network, for training and for prediction. */
class EngineTest {
    private static ComputationGraph net(org.regshift.model.net.Architecture architecture, Loss loss) {
        return Networks.create(architecture, 64, 0, loss, new Adam(1e-3), 1);
    }

    @Test
    void convolutionalNetsTrainOnLeanTwinsOnAnyThreadCount() {
        assertThat(Engine.forTraining(net(new Cnn(), Loss.GAUSSIAN_NLL), 1, null).engine()).isEqualTo(Engine.LEAN);
        assertThat(Engine.forTraining(net(new CnnReference(), Loss.MSE), 2, null).engine()).isEqualTo(Engine.LEAN);
    }

    @Test
    void recurrentAndAttentionNetsTrainOnLeanTwinsOnAnyThreadCount() {
        for (int threads = 1; threads <= 2; threads++) {
            assertThat(Engine.forTraining(net(new BiLstm(), Loss.GAUSSIAN_NLL), threads, null).engine()).isEqualTo(Engine.LEAN);
            assertThat(Engine.forTraining(net(new Transformer(), Loss.GAUSSIAN_NLL), threads, null).engine())
                    .isEqualTo(Engine.LEAN);
        }
    }

    @Test
    void aGraphOnlyReasonKeepsTheGraph() {
        Engine.Choice adversarial = Engine.forTraining(net(new Cnn(), Loss.GAUSSIAN_NLL), 2, "adversarial training");
        assertThat(adversarial.engine()).isEqualTo(Engine.DL4J);
        assertThat(adversarial.describe()).isEqualTo("dl4j on 2 threads (adversarial training)");
    }

    @Test
    void predictionUsesTheSameEnginesWhateverTheOptimiser() {
        ComputationGraph sgd = net(new Cnn(), Loss.GAUSSIAN_NLL);
        for (var layer : Engine.layers(sgd)) {
            if (layer instanceof org.deeplearning4j.nn.conf.layers.BaseLayer base) {
                base.setIUpdater(new Sgd(0.1));
            }
        }
        assertThat(Engine.forInference(sgd, 2).engine()).isEqualTo(Engine.LEAN);
        assertThat(Engine.forInference(sgd, 1).engine()).isEqualTo(Engine.LEAN);
        assertThat(Engine.forInference(net(new BiLstm(), Loss.GAUSSIAN_NLL), 1).engine()).isEqualTo(Engine.LEAN);
        assertThat(Engine.forInference(net(new Transformer(), Loss.GAUSSIAN_NLL), 2).engine()).isEqualTo(Engine.LEAN);
    }
}
