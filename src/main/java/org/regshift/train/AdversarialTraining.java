package org.regshift.train;

import java.util.Random;
import java.util.function.Function;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.regshift.attack.Adversary;
import org.regshift.attack.AttackMethod;
import org.regshift.model.InputGradients;

/**
 * Adversarial training (Goodfellow et al. 2015; Madry et al. 2018): in every mini-batch a seeded
 * fraction {@code weight} of the rows is replaced by its attack against the network as it stands,
 * each row pushed away from its own target, so the loss mixes clean and attacked rows in the
 * proportion 1 - weight to weight. PGD takes {@code steps} steps of epsilon / 4.
 */
public record AdversarialTraining(AttackMethod method, double epsilon, double weight, int steps) {

    /** The batch's one-hot input with the chosen rows attacked. */
    INDArray mix(ComputationGraph net, INDArray[] inputs, float[] labels, Random random) {
        int n = (int) inputs[0].size(0);
        float[] chosen = new float[n];
        boolean any = false;
        for (int i = 0; i < n; i++) {
            if (random.nextDouble() < weight) {
                chosen[i] = 1;
                any = true;
            }
        }
        if (!any) {
            return inputs[0];
        }
        double[][] out = net.outputSingle(false, inputs).toDoubleMatrix();
        double[] direction = new double[n];
        for (int i = 0; i < n; i++) {
            direction[i] = out[i][0] >= labels[2 * i] ? 1 : -1;
        }
        Function<INDArray[], INDArray> gradients = InputGradients.ofMean(net);
        INDArray attacked = Adversary.attack(inputs[0], x -> {
            INDArray[] at = inputs.clone();
            at[0] = x;
            return gradients.apply(at);
        }, direction, method, epsilon, steps, epsilon / 4);
        INDArray mask = Nd4j.create(chosen, new long[] {n, 1, 1}, DataType.FLOAT).broadcast(inputs[0].shape());
        return inputs[0].mul(mask.rsub(1)).addi(attacked.muli(mask));
    }

    /** How the bundle records it. */
    String describe() {
        return method.toString() + " epsilon " + epsilon + " weight " + weight
                + (method == AttackMethod.PGD ? " steps " + steps : "");
    }
}
