package org.regshift.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.regshift.model.OneHot;

class AdversaryTest {
    private static INDArray position(float... values) {
        return Nd4j.create(values, new long[] {1, 4, 1}, DataType.FLOAT);
    }

    @Test
    void projectionOntoTheSimplexIsTheNearestPointWithNonNegativeValuesSummingToOne() {
        assertThat(Adversary.projectToSimplex(position(0.5f, 0.5f, 0.5f, 0.5f)).reshape(4).toFloatVector())
                .containsExactly(new float[] {0.25f, 0.25f, 0.25f, 0.25f}, within(1e-6f));
        assertThat(Adversary.projectToSimplex(position(1.2f, 0, 0, 0)).reshape(4).toFloatVector())
                .containsExactly(new float[] {1, 0, 0, 0}, within(1e-6f));
        assertThat(Adversary.projectToSimplex(position(0.6f, 0.6f, -0.1f, 0)).reshape(4).toFloatVector())
                .containsExactly(new float[] {0.5f, 0.5f, 0, 0}, within(1e-6f));
        assertThat(Adversary.projectToSimplex(position(0.8f, 0.2f, -0.2f, -0.2f)).reshape(4).toFloatVector())
                .containsExactly(new float[] {0.8f, 0.2f, 0, 0}, within(1e-6f));
    }

    @Test
    void fgsmAndPgdMoveALinearScoreTheWayAskedAndStayOnTheSimplexWithinEpsilon() {
        INDArray x = OneHot.encode(List.of("ACGTACGTAC"), 10);
        INDArray weights = Nd4j.rand(DataType.FLOAT, 1, 4, 10).subi(0.5);
        for (AttackMethod method : List.of(AttackMethod.FGSM, AttackMethod.PGD)) {
            for (double direction : new double[] {1, -1}) {
                INDArray attacked = Adversary.attack(x, in -> weights.dup(), new double[] {direction}, method, 0.2, 10, 0.05);
                double before = x.mul(weights).sumNumber().doubleValue();
                double after = attacked.mul(weights).sumNumber().doubleValue();
                assertThat((after - before) * direction).as(method + " " + direction).isPositive();
                for (float sum : attacked.sum(1).toFloatVector()) {
                    assertThat(sum).isCloseTo(1f, within(1e-5f));
                }
                assertThat(attacked.minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
                assertThat(attacked.sub(x).amaxNumber().doubleValue()).isLessThanOrEqualTo(0.2 + 1e-5);
            }
        }
    }
}
