package org.regshift.model.net;

import static org.assertj.core.api.Assertions.assertThat;
import java.util.Arrays;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/** LegNet as the PyTorch peer builds it (shared/bench/legnet_reference.py, counted with PyTorch 1.13). */
class LegNetTest {
    @Test
    void hasThePeersParametersAndRunningStatisticsAndMapsSequencesToMeanAndLogVariance() {
        ComputationGraph net = Networks.create(Architecture.parse("legnet"), 230, 0, Loss.GAUSSIAN_NLL, new Adam(1e-3), 1);
        double learned = Networks.learnedMask(net).sumNumber().doubleValue();
        assertThat(learned).as("trainable parameters, as sum(p.numel() for p in LegNet(2).parameters())").isEqualTo(858_082);
        assertThat(net.numParams() - learned).as("running means and variances of its 19 batch norms").isEqualTo(8_064);
        long batchNorms = Arrays.stream(net.getLayers())
                .filter(l -> l instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization).count();
        assertThat(batchNorms).isEqualTo(19);
        assertThat(net.outputSingle(false, Nd4j.rand(DataType.FLOAT, 3, 4, 230)).shape()).containsExactly(3, 2);
    }
}
