package org.regshift.attack;

import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Gradient attacks on one-hot DNA relaxed to the probability simplex at each position: FGSM (one
 * step of size epsilon along the gradient's sign) and PGD (steps of {@code stepSize}). After every
 * step each position is projected exactly (in the Euclidean sense) onto the part of the simplex
 * within epsilon of the input in every coordinate, so the attacked input is a distribution over
 * bases at each position and never further than epsilon from the sequence. Positions that are N
 * in the input are left alone. {@code direction} (+1 or -1 per row) says which way each row's
 * prediction is pushed.
 */
public final class Adversary {
    private Adversary() {
    }

    /**
     * The attacked one-hot input [batch, 4, length].
     *
     * @param gradient d(prediction)/d(one-hot) at a relaxed input
     */
    public static INDArray attack(INDArray x, UnaryOperator<INDArray> gradient, double[] direction, AttackMethod method,
                                  double epsilon, int steps, double stepSize) {
        float[] signs = new float[direction.length];
        for (int i = 0; i < signs.length; i++) {
            signs[i] = (float) Math.signum(direction[i]);
        }
        INDArray sign = Nd4j.create(signs, new long[] {signs.length, 1, 1}, DataType.FLOAT).broadcast(x.shape());
        if (method == AttackMethod.FGSM) {
            return project(x.add(Transforms.sign(gradient.apply(x)).muli(sign).muli(epsilon)), x, epsilon);
        }
        INDArray current = x.dup();
        for (int s = 0; s < steps; s++) {
            current = project(current.add(Transforms.sign(gradient.apply(current)).muli(sign).muli(stepSize)), x, epsilon);
        }
        return current;
    }

    /** Each position's four values projected onto the probability simplex. */
    public static INDArray projectToSimplex(INDArray v) {
        return project(v, null, 1);
    }

    /**
     * Each position of {@code v} projected onto {sum = 1, max(0, centre - epsilon) <= value <=
     * min(1, centre + epsilon)}: the values minus a shift theta, clipped to the bounds, with theta
     * found by bisection so that they sum to 1. Without a centre the bounds are [0, 1]; positions
     * where the centre is all zero (N) keep the centre.
     */
    static INDArray project(INDArray v, INDArray centre, double epsilon) {
        int n = (int) v.size(0);
        int length = (int) v.size(2);
        float[] values = v.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] c = centre == null ? null : centre.castTo(DataType.FLOAT).dup('c').data().asFloat();
        double[] lower = new double[4];
        double[] upper = new double[4];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < length; p++) {
                int base = i * 4 * length + p;
                double known = 0;
                for (int b = 0; b < 4; b++) {
                    int at = base + b * length;
                    lower[b] = c == null ? 0 : Math.max(0, c[at] - epsilon);
                    upper[b] = c == null ? 1 : Math.min(1, c[at] + epsilon);
                    known += c == null ? 1 : c[at];
                }
                if (known == 0) {
                    for (int b = 0; b < 4; b++) {
                        values[base + b * length] = 0;
                    }
                    continue;
                }
                double low = Double.POSITIVE_INFINITY;
                double high = Double.NEGATIVE_INFINITY;
                for (int b = 0; b < 4; b++) {
                    low = Math.min(low, values[base + b * length] - upper[b]);
                    high = Math.max(high, values[base + b * length] - lower[b]);
                }
                for (int iteration = 0; iteration < 50; iteration++) {
                    double theta = (low + high) / 2;
                    double sum = 0;
                    for (int b = 0; b < 4; b++) {
                        sum += Math.min(upper[b], Math.max(lower[b], values[base + b * length] - theta));
                    }
                    if (sum > 1) {
                        low = theta;
                    } else {
                        high = theta;
                    }
                }
                double theta = (low + high) / 2;
                for (int b = 0; b < 4; b++) {
                    int at = base + b * length;
                    values[at] = (float) Math.min(upper[b], Math.max(lower[b], values[at] - theta));
                }
            }
        }
        return Nd4j.create(values, v.shape(), 'c');
    }
}
