package org.regshift.model.lean;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
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
        try (Twins twins = Twins.of(LeanTesting.miniLegNet(new Adam(1e-3), 1), 2, 1)) {
            assertThatThrownBy(() -> twins.eachShare(8, (replica, share) -> {
                if (share[0] > 0) {
                    sleep(Duration.ofMillis(200)); // the other twin is waiting in batch norm by now
                    throw new OutOfMemoryError("native");
                }
                return replica.computeGradient(Twins.rows(inputs, share), Twins.rows(y, share), 1);
            })).isInstanceOf(IllegalStateException.class).hasRootCauseInstanceOf(OutOfMemoryError.class);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
