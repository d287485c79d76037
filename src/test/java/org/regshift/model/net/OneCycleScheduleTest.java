package org.regshift.model.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

class OneCycleScheduleTest {
    /**
     * Learning rates of PyTorch 1.13's OneCycleLR(max_lr=0.01, total_steps=100, pct_start=0.3,
     * three_phase=False, cycle_momentum=False) at steps 0, 1, 10, 29, 30, 31, 50, 98 and 99.
     */
    @Test
    void equalsPyTorchsOneCycleLr() {
        OneCycleSchedule s = new OneCycleSchedule(0.01, 100);
        int[] steps = {0, 1, 10, 29, 30, 31, 50, 98, 99};
        double[] torch = {0.0004, 0.00042813780565907275, 0.002951639484641007, 0.01, 0.009994965352845242,
            0.009979871550490316, 0.00793893450575732, 5.07464715475788e-06, 4e-08};
        for (int i = 0; i < steps.length; i++) {
            assertThat(s.valueAt(steps[i], 0)).as("step " + steps[i]).isCloseTo(torch[i], within(1e-12));
        }
        assertThat(s.valueAt(150, 3)).as("after the last step").isCloseTo(4e-8, within(1e-15));
    }

    @Test
    void survivesTheNetworkConfigurationsJsonRoundTrip() {
        Adam adam = Adam.builder().learningRateSchedule(new OneCycleSchedule(0.01, 40)).build();
        ComputationGraph net = Networks.create(new CnnReference(), 50, 0, Loss.GAUSSIAN_NLL, adam, 1);
        ComputationGraph copy = new ComputationGraph(org.deeplearning4j.nn.conf.ComputationGraphConfiguration.fromJson(
                net.getConfiguration().toJson()));
        copy.init();
        IUpdater updater = ((org.deeplearning4j.nn.conf.layers.BaseLayer) copy.getLayer("output").conf().getLayer()).getIUpdater();
        assertThat(updater.getLearningRate(39, 0)).isCloseTo(4e-8, within(1e-15));
        assertThat(updater).isEqualTo(adam);
    }
}
