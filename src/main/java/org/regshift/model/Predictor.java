package org.regshift.model;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Predicts with a bundle: each member gives a Gaussian (mean, variance) in the target's units; the
 * ensemble is their equal-weight mixture, summarised by its mean (the mean of means), its
 * aleatoric variance (the mean of variances) and its epistemic variance (the variance of means,
 * 0 for one member).
 */
public final class Predictor {
    private final ModelBundle bundle;

    /** One prediction; the total variance is aleatoric + epistemic. */
    public record Prediction(double mean, double varAleatoric, double varEpistemic) {
        public double varTotal() {
            return varAleatoric + varEpistemic;
        }
    }

    public Predictor(ModelBundle bundle) {
        this.bundle = bundle;
    }

    /**
     * Predicts for one batch. The native kernels (oneDNN, OpenBLAS) block the batch dimension, so the
     * last bits of a row's prediction depend on its batch: input split at multiples of the batch size
     * gives the same bytes as one pass.
     */
    public Prediction[] predict(List<String> sequences) {
        int n = sequences.size();
        INDArray x = OneHot.encode(sequences, bundle.length());
        int m = bundle.members().size();
        double[][] means = new double[m][n];
        double[][] vars = new double[m][n];
        double sd = bundle.targetSd();
        for (int k = 0; k < m; k++) {
            MultiLayerNetwork net = bundle.members().get(k).network();
            INDArray out = net.output(x, false);
            for (int i = 0; i < n; i++) {
                means[k][i] = out.getDouble(i, 0) * sd + bundle.targetMean();
                vars[k][i] = Math.exp(Math.max(out.getDouble(i, 1), GaussianNll.LOG_VARIANCE_FLOOR)) * sd * sd;
            }
        }
        Prediction[] predictions = new Prediction[n];
        for (int i = 0; i < n; i++) {
            double mean = 0;
            double aleatoric = 0;
            for (int k = 0; k < m; k++) {
                mean += means[k][i];
                aleatoric += vars[k][i];
            }
            mean /= m;
            aleatoric /= m;
            double epistemic = 0;
            for (int k = 0; k < m; k++) {
                epistemic += (means[k][i] - mean) * (means[k][i] - mean);
            }
            predictions[i] = new Prediction(mean, aleatoric, m == 1 ? 0 : epistemic / m);
        }
        return predictions;
    }
}
