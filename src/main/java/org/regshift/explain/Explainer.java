package org.regshift.explain;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.regshift.model.InputGradients;
import org.regshift.model.ModelBundle;
import org.regshift.model.Predictor;
import org.regshift.motif.Bases;

/**
 * Attributions of an ensemble's predicted mean for sequences of the model's length. Gradients are
 * centred over the four bases at each position (Majdandzic et al. 2023), which removes the part of
 * the gradient that leaves the one-hot simplex.
 * <ul>
 * <li>saliency: the largest centred gradient magnitude at each position;
 * <li>grad-x-input: the centred gradient of the observed base;
 * <li>integrated-gradients: from a uniform baseline (0.25 per base) to the sequence, gradients
 *     averaged at the midpoints of {@code steps} equal segments, times (input - baseline);
 * <li>ism: every single-base substitution predicted (3 per position, batched across sequences);
 *     the score is the prediction minus the mean of the three substitutes, and the hypothetical
 *     contribution of a base is its prediction minus the mean over the four.
 * </ul>
 * An N has no observed base: its score is 0 (its hypothetical contributions are kept).
 */
final class Explainer implements AutoCloseable {
    private final ModelBundle bundle;
    private final InputGradients gradients;
    private final Predictor predictor;
    private final int steps;
    private final int batchSize;

    Explainer(ModelBundle bundle, int steps, int batchSize, int threads) {
        this.bundle = bundle;
        this.gradients = new InputGradients(bundle);
        this.predictor = new Predictor(bundle, false, threads);
        this.steps = steps;
        this.batchSize = batchSize;
    }

    /** Attributions of one batch of windows (each of the model's length). */
    List<Attribution> explain(Method method, List<String> windows) {
        return switch (method) {
            case SALIENCY, GRAD_X_INPUT -> fromGradients(method, windows, gradient(windows));
            case INTEGRATED_GRADIENTS -> integratedGradients(windows);
            case ISM -> ism(windows);
        };
    }

    /** d(mean)/d(one-hot) of each window: [n][4][length]. */
    private float[][][] gradient(List<String> windows) {
        return toArray(gradients.ofMean(gradients.inputs(windows)));
    }

    private static float[][][] toArray(INDArray g) {
        int n = (int) g.size(0);
        float[][][] out = new float[n][][];
        for (int i = 0; i < n; i++) {
            out[i] = g.slice(i).toFloatMatrix();
        }
        return out;
    }

    private static List<Attribution> fromGradients(Method method, List<String> windows, float[][][] g) {
        List<Attribution> out = new ArrayList<>(windows.size());
        for (int i = 0; i < windows.size(); i++) {
            double[][] hyp = centred(g[i]);
            int length = hyp[0].length;
            double[] score = new double[length];
            for (int p = 0; p < length; p++) {
                if (method == Method.SALIENCY) {
                    for (int b = 0; b < 4; b++) {
                        score[p] = Math.max(score[p], Math.abs(hyp[b][p]));
                    }
                } else {
                    int base = Bases.index(windows.get(i).charAt(p));
                    score[p] = base < 0 ? 0 : hyp[base][p];
                }
            }
            out.add(new Attribution(score, hyp));
        }
        return out;
    }

    private static double[][] centred(float[][] g) {
        int length = g[0].length;
        double[][] hyp = new double[4][length];
        for (int p = 0; p < length; p++) {
            double mean = (g[0][p] + g[1][p] + g[2][p] + g[3][p]) / 4.0;
            for (int b = 0; b < 4; b++) {
                hyp[b][p] = g[b][p] - mean;
            }
        }
        return hyp;
    }

    private List<Attribution> integratedGradients(List<String> windows) {
        INDArray[] inputs = gradients.inputs(windows);
        INDArray x = inputs[0];
        INDArray baseline = x.like().assign(0.25);
        INDArray sum = null;
        for (int k = 0; k < steps; k++) {
            double alpha = (k + 0.5) / steps;
            INDArray[] point = inputs.clone();
            point[0] = baseline.add(x.sub(baseline).muli(alpha));
            INDArray g = gradients.ofMean(point);
            sum = sum == null ? g : sum.addi(g);
        }
        float[][][] average = toArray(sum.divi(steps));
        float[][][] delta = toArray(x.sub(baseline));
        List<Attribution> out = new ArrayList<>(windows.size());
        for (int i = 0; i < windows.size(); i++) {
            int length = average[i][0].length;
            double[] score = new double[length];
            for (int p = 0; p < length; p++) {
                for (int b = 0; b < 4; b++) {
                    score[p] += delta[i][b][p] * average[i][b][p];
                }
            }
            out.add(new Attribution(score, centred(average[i])));
        }
        return out;
    }

    private List<Attribution> ism(List<String> windows) {
        int length = bundle.length();
        List<String> variants = new ArrayList<>(windows.size() * (3 * length + 1));
        int[][] index = new int[windows.size()][4 * length];
        for (int i = 0; i < windows.size(); i++) {
            String w = windows.get(i);
            int reference = variants.size();
            variants.add(w);
            char[] bases = w.toCharArray();
            for (int p = 0; p < length; p++) {
                char original = bases[p];
                for (int b = 0; b < 4; b++) {
                    bases[p] = Bases.ACGT.charAt(b);
                    if (original == bases[p]) {
                        index[i][4 * p + b] = reference;
                    } else {
                        index[i][4 * p + b] = variants.size();
                        variants.add(new String(bases));
                    }
                }
                bases[p] = original;
            }
        }
        double[] mean = ensembleMean(variants);
        List<Attribution> out = new ArrayList<>(windows.size());
        for (int i = 0; i < windows.size(); i++) {
            double[] score = new double[length];
            double[][] hyp = new double[4][length];
            for (int p = 0; p < length; p++) {
                double[] pred = new double[4];
                for (int b = 0; b < 4; b++) {
                    pred[b] = mean[index[i][4 * p + b]];
                }
                double all = pred[0] + pred[1] + pred[2] + pred[3];
                for (int b = 0; b < 4; b++) {
                    hyp[b][p] = pred[b] - all / 4;
                }
                int observed = Bases.index(windows.get(i).charAt(p));
                if (observed >= 0) {
                    score[p] = pred[observed] - (all - pred[observed]) / 3;
                }
            }
            out.add(new Attribution(score, hyp));
        }
        return out;
    }

    /** The ensemble's mean prediction for every sequence, in batches. */
    private double[] ensembleMean(List<String> sequences) {
        double[] out = new double[sequences.size()];
        for (int from = 0; from < sequences.size(); from += batchSize) {
            List<String> batch = sequences.subList(from, Math.min(sequences.size(), from + batchSize));
            double[][] means = predictor.members(batch).means();
            for (int i = 0; i < batch.size(); i++) {
                double sum = 0;
                for (double[] member : means) {
                    sum += member[i];
                }
                out[from + i] = sum / means.length;
            }
        }
        return out;
    }

    @Override
    public void close() {
        predictor.close();
    }
}
