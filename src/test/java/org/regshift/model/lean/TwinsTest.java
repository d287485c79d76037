package org.regshift.model.lean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

class TwinsTest {
    /**
     * A twin that dies of an Error (native memory runs out as OutOfMemoryError) wakes the twin that
     * waits for its batch-norm sums, and the step fails with that Error, not with the waiting twin's
     * "another twin failed" and not by hanging.
     */
    @Test
    @Timeout(30)
    void aTwinDyingOfAnErrorFailsTheStepWithThatError() {
        Random random = new Random(3);
        INDArray[] inputs = {LeanTesting.sequences(8, random)};
        INDArray y = LeanTesting.labels(8, random);
        try (TwinThreads threads = new TwinThreads(2)) {
            Twins twins = Twins.on(threads, LeanTesting.miniLegNet(new Adam(1e-3), 1), 1);
            assertThatThrownBy(() -> twins.eachShare(8, (replica, share) -> {
                if (share[0] > 0) {
                    sleep(Duration.ofMillis(200)); // the other twin is waiting in batch norm by now
                    throw new OutOfMemoryError("native");
                }
                return replica.computeGradient(Twins.rows(inputs, share), Twins.rows(y, share), 1);
            })).isInstanceOf(IllegalStateException.class).hasRootCauseInstanceOf(OutOfMemoryError.class);
        }
    }

    /**
     * Two networks whose twins take turns on shared threads (and so on the threads' workspaces)
     * give the same bytes as each network on threads of its own.
     */
    @Test
    void networksSharingThreadsGiveTheirOwnOutputs() {
        INDArray[] inputs = {LeanTesting.sequences(12, new Random(5))};
        ComputationGraph first = LeanTesting.miniLegNet(new Adam(1e-3), 1);
        ComputationGraph second = LeanTesting.miniLegNet(new Adam(1e-3), 2);
        INDArray firstAlone;
        INDArray secondAlone;
        try (TwinThreads own = new TwinThreads(2); TwinThreads others = new TwinThreads(2)) {
            firstAlone = Twins.on(own, first, 0).output(inputs);
            secondAlone = Twins.on(others, second, 0).output(inputs);
        }
        try (TwinThreads threads = new TwinThreads(2)) {
            Twins a = Twins.on(threads, first, 0);
            Twins b = Twins.on(threads, second, 0);
            for (int round = 0; round < 2; round++) {
                assertThat(a.output(inputs)).isEqualTo(firstAlone);
                assertThat(b.output(inputs)).isEqualTo(secondAlone);
            }
        }
        assertThat(firstAlone).isNotEqualTo(secondAlone);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
