package org.regshift.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.regshift.model.lean.Engine;
import org.regshift.model.lean.NdRuntime;
import org.regshift.model.lean.TwinThreads;
import org.regshift.model.lean.Twins;
import org.regshift.model.net.Architecture;
import org.regshift.model.net.GaussianNll;
import org.regshift.motif.Bases;

/**
 * Predicts with a bundle: each member gives a Gaussian (mean, variance) in the target's units; the
 * ensemble is their equal-weight mixture, summarised by its mean (the mean of means), its
 * aleatoric variance (the mean of variances) and its epistemic variance (the variance of means,
 * 0 for one member).
 */
public final class Predictor implements AutoCloseable {
    private final ModelBundle bundle;
    private final boolean reverseComplementAverage;
    private final Engine.Choice engine;
    private final int threads;
    /** The most rows of one forward pass (see {@link Architecture#inferencePassLimit}). */
    private final int passLimit;
    /** Each member's forward pass: its graph's, or its {@link Twins}'. */
    private final List<Function<INDArray[], INDArray>> forwards = new ArrayList<>();
    /** The lean engine's threads, which every member's twins share (null on DL4J). */
    private final TwinThreads twinThreads;
    private long forwardNanos;
    private long forwardSequences;

    /** One prediction; the total variance is aleatoric + epistemic. */
    public record Prediction(double mean, double varAleatoric, double varEpistemic, double ood) {
        public double varTotal() {
            return varAleatoric + varEpistemic;
        }
    }

    /**
     * A predictor on {@code threads} threads, on the {@link Engine} that
     * {@link Engine#forInference} chooses for the bundle's networks (they share one architecture);
     * on twins, libnd4j runs single-threaded until {@link #close}.
     *
     * @param reverseComplementAverage each member predicts both strands and averages the two means
     *                                 and the two variances
     */
    public Predictor(ModelBundle bundle, boolean reverseComplementAverage, int threads) {
        this.bundle = bundle;
        this.reverseComplementAverage = reverseComplementAverage;
        this.engine = Engine.forInference(bundle.members().get(0).network(), threads);
        this.threads = threads;
        this.passLimit = Architecture.parse(bundle.architecture()).inferencePassLimit();
        NdRuntime.threads(engine.engine() == Engine.DL4J ? threads : 1);
        this.twinThreads = engine.engine() == Engine.DL4J ? null : new TwinThreads(threads);
        for (ModelBundle.Member m : bundle.members()) {
            if (twinThreads == null) {
                forwards.add(inputs -> m.network().outputSingle(false, inputs));
            } else {
                forwards.add(Twins.on(twinThreads, m.network(), 0)::output);
            }
        }
    }

    /** The engine the networks run on. */
    public Engine.Choice engine() {
        return engine;
    }

    /** Stops the twins' threads, if any, and gives libnd4j its {@code threads} back. */
    @Override
    public void close() {
        if (twinThreads != null) {
            twinThreads.close();
        }
        NdRuntime.threads(threads);
    }

    /** Each member's Gaussian per sequence in the target's units: {@code means[k][i]}, {@code variances[k][i]}. */
    public record MemberPredictions(double[][] means, double[][] variances) {
    }

    /** The input length of the bundle's networks: longer sequences are centre-cropped, shorter ones N-padded. */
    public int length() {
        return bundle.length();
    }

    /**
     * Predicts for one batch. The native kernels (oneDNN, OpenBLAS) block the batch dimension, so the
     * last bits of a row's prediction depend on its batch: input split at multiples of the batch size
     * gives the same bytes as one pass.
     */
    public Prediction[] predict(List<String> sequences) {
        int n = sequences.size();
        MemberPredictions members = members(sequences);
        int m = members.means().length;
        double[] ood = IntStream.range(0, n).parallel().mapToDouble(i -> bundle.ood().score(sequences.get(i))).toArray();
        Prediction[] predictions = new Prediction[n];
        for (int i = 0; i < n; i++) {
            double mean = 0;
            double aleatoric = 0;
            for (int k = 0; k < m; k++) {
                mean += members.means()[k][i];
                aleatoric += members.variances()[k][i];
            }
            mean /= m;
            aleatoric /= m;
            double epistemic = 0;
            for (int k = 0; k < m; k++) {
                epistemic += (members.means()[k][i] - mean) * (members.means()[k][i] - mean);
            }
            predictions[i] = new Prediction(mean, aleatoric, m == 1 ? 0 : epistemic / m, ood[i]);
        }
        return predictions;
    }

    /** Every member's prediction for one batch (see {@link #predict} on batches). */
    public MemberPredictions members(List<String> sequences) {
        INDArray[] forward = OneHot.inputs(sequences, bundle.length(), bundle.priors());
        MemberPredictions p = members(forward);
        if (!reverseComplementAverage) {
            return p;
        }
        INDArray[] reverse = forward.clone(); // the prior features are the same on both strands
        reverse[0] = OneHot.encode(sequences.stream().map(Bases::reverseComplement).toList(), bundle.length());
        MemberPredictions r = members(reverse);
        for (int k = 0; k < p.means().length; k++) {
            for (int i = 0; i < sequences.size(); i++) {
                p.means()[k][i] = p.means()[k][i] / 2 + r.means()[k][i] / 2;
                p.variances()[k][i] = p.variances()[k][i] / 2 + r.variances()[k][i] / 2;
            }
        }
        return p;
    }

    /** Every member's prediction for inputs as the networks take them (a relaxed one-hot input too), one strand. */
    public MemberPredictions members(INDArray[] inputs) {
        int n = (int) inputs[0].size(0);
        int m = bundle.members().size();
        double[][] means = new double[m][n];
        double[][] vars = new double[m][n];
        double sd = bundle.targetSd();
        for (int k = 0; k < m; k++) {
            ModelBundle.Member member = bundle.members().get(k);
            long start = System.nanoTime();
            double[][] out = forward(forwards.get(k), inputs, n);
            forwardNanos += System.nanoTime() - start;
            forwardSequences += n;
            for (int i = 0; i < n; i++) {
                double logvar = bundle.loss().learnsVariance()
                        ? Math.max(out[i][1], GaussianNll.LOG_VARIANCE_FLOOR) : Math.log(member.residualVariance());
                means[k][i] = out[i][0] * sd + bundle.targetMean();
                vars[k][i] = Math.exp(logvar) * sd * sd;
            }
        }
        return new MemberPredictions(means, vars);
    }

    /** A member's outputs for {@code n} rows of inputs, in passes of at most {@link #passLimit} rows. */
    private double[][] forward(Function<INDArray[], INDArray> member, INDArray[] inputs, int n) {
        if (n <= passLimit) {
            return member.apply(inputs).toDoubleMatrix();
        }
        double[][] out = new double[n][];
        for (int from = 0; from < n; from += passLimit) {
            int to = Math.min(n, from + passLimit);
            INDArrayIndex interval = NDArrayIndex.interval(from, to);
            INDArray[] rows = Arrays.stream(inputs).map(x -> x.get(interval).dup()).toArray(INDArray[]::new);
            System.arraycopy(member.apply(rows).toDoubleMatrix(), 0, out, from, to - from);
        }
        return out;
    }

    /** Sequences per second through the networks' forward passes so far (each member and strand counts). */
    public double forwardThroughput() {
        return forwardSequences / (forwardNanos / 1e9);
    }

    /** How many members the bundle holds. */
    public int size() {
        return bundle.members().size();
    }
}
