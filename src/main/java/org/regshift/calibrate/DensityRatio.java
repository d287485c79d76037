package org.regshift.calibrate;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The density ratio w(x) = p_test(x) / p_calibration(x) of two sets of inputs, estimated with a
 * classifier (Tibshirani et al. 2019, section 4): an L2-regularised logistic regression telling test
 * rows (1) from calibration rows (0) on standardised features, fitted by Newton's method; then
 * w(x) = odds(x) n_calibration / n_test, clipped to [1 / clip, clip] so that no row's weight
 * dominates.
 *
 * @param coefficients the intercept, then one coefficient per standardised feature
 */
public record DensityRatio(List<String> features, double[] mean, double[] sd, double[] coefficients, double priorRatio,
                           double clip) {
    private static final double L2 = 1.0;
    private static final int MAX_ITERATIONS = 100;
    private static final double TOLERANCE = 1e-10;

    public static DensityRatio fit(List<String> features, double[][] calibration, double[][] test, double clip) {
        int f = features.size();
        int n = calibration.length + test.length;
        double[] mean = new double[f];
        double[] sd = new double[f];
        for (int j = 0; j < f; j++) {
            int column = j;
            double[] all = java.util.stream.Stream.of(calibration, test).flatMap(Arrays::stream).mapToDouble(r -> r[column]).toArray();
            mean[j] = Arrays.stream(all).average().orElse(0);
            double m = mean[j];
            double s = Math.sqrt(Arrays.stream(all).map(v -> (v - m) * (v - m)).sum() / n);
            sd[j] = s > 0 ? s : 1;
        }
        double[][] x = new double[n][];
        double[] label = new double[n];
        for (int i = 0; i < n; i++) {
            boolean isTest = i >= calibration.length;
            x[i] = design(isTest ? test[i - calibration.length] : calibration[i], mean, sd);
            label[i] = isTest ? 1 : 0;
        }
        return new DensityRatio(features, mean, sd, newton(x, label), (double) calibration.length / test.length, clip);
    }

    /** The intercept term and the standardised features of a row. */
    private static double[] design(double[] row, double[] mean, double[] sd) {
        double[] x = new double[row.length + 1];
        x[0] = 1;
        for (int j = 0; j < row.length; j++) {
            x[j + 1] = (row[j] - mean[j]) / sd[j];
        }
        return x;
    }

    /** Newton's method on the penalised log-likelihood (the intercept unpenalised). */
    private static double[] newton(double[][] x, double[] label) {
        int p = x[0].length;
        double[] beta = new double[p];
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] gradient = new double[p];
            double[][] hessian = new double[p][p];
            for (int i = 0; i < x.length; i++) {
                double prob = 1 / (1 + Math.exp(-dot(beta, x[i])));
                double w = prob * (1 - prob);
                for (int a = 0; a < p; a++) {
                    gradient[a] += (label[i] - prob) * x[i][a];
                    for (int b = 0; b < p; b++) {
                        hessian[a][b] += w * x[i][a] * x[i][b];
                    }
                }
            }
            for (int a = 1; a < p; a++) {
                gradient[a] -= L2 * beta[a];
                hessian[a][a] += L2;
            }
            RealMatrix h = new Array2DRowRealMatrix(hessian, false);
            double[] step = new CholeskyDecomposition(h, 1e-12, 1e-14).getSolver().solve(new ArrayRealVector(gradient, false))
                    .toArray();
            double largest = 0;
            for (int a = 0; a < p; a++) {
                beta[a] += step[a];
                largest = Math.max(largest, Math.abs(step[a]));
            }
            if (largest < TOLERANCE) {
                break;
            }
        }
        return beta;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** The clipped density ratio at a row's features. */
    public double weight(double[] features) {
        double w = Math.exp(dot(coefficients, design(features, mean, sd))) * priorRatio;
        return Math.min(clip, Math.max(1 / clip, w));
    }

    /** Kish's effective sample size of weighted rows: (sum w)^2 / sum w^2. */
    public static double effectiveSampleSize(double[] weights) {
        double sum = 0;
        double squares = 0;
        for (double w : weights) {
            sum += w;
            squares += w * w;
        }
        return sum * sum / squares;
    }
}
