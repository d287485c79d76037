package org.regshift.redundancy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.commons.math3.util.CombinatoricsUtils;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.regshift.model.InputGradients;
import org.regshift.model.OneHot;
import org.regshift.model.Predictor;

/**
 * One mask over motif types, shared by all sequences, that most lowers the mean prediction when
 * the masked types' sites are removed, under a budget of K types. Mask probabilities p (one per
 * motif type) are learned by gradient steps through a relaxed Bernoulli (binary Concrete) sample
 * m = sigmoid((logit p + logistic noise) / temperature); the input is the one-hot sequence moved
 * towards its site-shuffled copy by m at each site; each step moves p against the gradient (with
 * momentum, scaled so the largest move is the learning rate, which keeps the types' relative
 * gradients, unlike Adam's per-type scaling) and projects it onto
 * {0 <= p <= 1, sum p <= K}. The learned set is the K types of highest p, scored by hard
 * removal; a refined set checks the subsets of a slightly longer shortlist by hard removal (the
 * gradient of a relaxed mask underrates motifs whose sites back each other up); both are compared
 * with exhaustive search over all sets of K types when there are few.
 */
final class GlobalMask {
    private static final double FLOOR = 1e-3;
    private static final double MOMENTUM = 0.9;
    /** Sequences per gradient step: the steps cycle through the sequences in slices of this many. */
    private static final int MINIBATCH = 32;
    /** Types beyond the budget that the hard check of the learned mask also considers. */
    private static final int SHORTLIST_EXTRA = 2;

    private final Predictor predictor;
    private final InputGradients gradients;
    private final List<SiteAblation> sequences;
    private final int motifs;
    private final int batchSize;
    private final double[] baseline;

    GlobalMask(Predictor predictor, InputGradients gradients, List<SiteAblation> sequences, int motifs, int batchSize) {
        this.predictor = predictor;
        this.gradients = gradients;
        this.sequences = sequences;
        this.motifs = motifs;
        this.batchSize = batchSize;
        this.baseline = predict(sequences.stream().map(SiteAblation::window).toList());
    }

    /** The motif types with at least one site in the sequences. */
    boolean[] present() {
        boolean[] present = new boolean[motifs];
        sequences.forEach(s -> s.sites().forEach(site -> present[site.motif()] = true));
        return present;
    }

    /**
     * Learns the mask for a budget of {@code budget} types; returns p per motif type
     * (0 for types without sites).
     */
    double[] learn(int budget, int steps, double learningRate, double temperature, Random random) {
        boolean[] present = present();
        int candidates = (int) IntStream.range(0, motifs).filter(k -> present[k]).count();
        double[] p = new double[motifs];
        for (int k = 0; k < motifs; k++) {
            p[k] = present[k] ? Math.min(1 - FLOOR, (double) budget / candidates) : 0;
        }
        int n = sequences.size();
        int length = sequences.get(0).window().length();
        float[] clean = OneHot.encode(sequences.stream().map(SiteAblation::window).toList(), length).data().asFloat();
        float[] removed = OneHot.encode(sequences.stream().map(s -> s.ablate(IntStream.range(0, s.sites().size()).toArray(), 0))
                .toList(), length).data().asFloat();
        int[] typeAt = typeAt(length);
        float[] change = new float[clean.length];
        for (int at = 0; at < clean.length; at++) {
            change[at] = removed[at] - clean[at];
        }
        double[] velocity = new double[motifs];
        for (int step = 1; step <= steps; step++) {
            double[] m = new double[motifs];
            double[] dmdp = new double[motifs];
            for (int k = 0; k < motifs; k++) {
                if (present[k]) {
                    double u = Math.min(1 - 1e-6, Math.max(1e-6, random.nextDouble()));
                    double q = Math.min(1 - FLOOR, Math.max(FLOOR, p[k]));
                    double z = (Math.log(q / (1 - q)) + Math.log(u / (1 - u))) / temperature;
                    m[k] = 1 / (1 + Math.exp(-z));
                    dmdp[k] = m[k] * (1 - m[k]) / temperature / (q * (1 - q));
                }
            }
            int from = (step - 1) * MINIBATCH % n;
            double[] grad = gradientOfMean(clean, change, typeAt, m, from, Math.min(n, from + MINIBATCH), length);
            double largest = 0;
            for (int k = 0; k < motifs; k++) {
                velocity[k] = MOMENTUM * velocity[k] + (1 - MOMENTUM) * grad[k] * dmdp[k];
                largest = Math.max(largest, Math.abs(velocity[k]));
            }
            for (int k = 0; k < motifs; k++) {
                p[k] -= largest == 0 ? 0 : learningRate * velocity[k] / largest;
            }
            projectToBudget(p, present, budget);
        }
        return p;
    }

    /**
     * d(mean over sequences {@code from..to} of the ensemble mean) / d(mask value of each motif type),
     * at the mask {@code m}; {@code change} is the shuffled minus the clean one-hot input and
     * {@code typeAt} the motif type of each input element (-1 outside sites).
     */
    private double[] gradientOfMean(float[] clean, float[] change, int[] typeAt, double[] m, int from, int to, int length) {
        int plane = 4 * length;
        int offset = from * plane;
        float[] masked = Arrays.copyOfRange(clean, offset, to * plane);
        for (int at = offset; at < to * plane; at++) {
            if (typeAt[at] >= 0) {
                masked[at - offset] += (float) (m[typeAt[at]] * change[at]);
            }
        }
        INDArray[] inputs = gradients.inputs(sequences.subList(from, to).stream().map(SiteAblation::window).toList());
        inputs[0] = Nd4j.create(masked, new long[] {to - from, 4, length});
        float[] g = gradients.ofMean(inputs).data().asFloat();
        double[] grad = new double[motifs];
        for (int at = offset; at < to * plane; at++) {
            if (typeAt[at] >= 0) {
                grad[typeAt[at]] += g[at - offset] * change[at] / (to - from);
            }
        }
        return grad;
    }

    /** The motif type of every element of the one-hot inputs [sequence, base, position], -1 outside sites. */
    private int[] typeAt(int length) {
        int plane = 4 * length;
        int[] type = new int[sequences.size() * plane];
        Arrays.fill(type, -1);
        for (int i = 0; i < sequences.size(); i++) {
            for (var site : sequences.get(i).sites()) {
                for (int b = 0; b < 4; b++) {
                    Arrays.fill(type, i * plane + b * length + site.start(), i * plane + b * length + site.end(), site.motif());
                }
            }
        }
        return type;
    }

    /** Euclidean projection onto {0 <= p <= 1, sum p <= budget} over the present types, by bisection on the shift. */
    static void projectToBudget(double[] p, boolean[] present, int budget) {
        double low = 0;
        double high = Arrays.stream(p).map(Math::abs).max().orElse(0) + 1;
        if (clippedSum(p, present, 0) > budget) {
            for (int i = 0; i < 100; i++) {
                double mid = (low + high) / 2;
                if (clippedSum(p, present, mid) > budget) {
                    low = mid;
                } else {
                    high = mid;
                }
            }
        } else {
            high = 0;
        }
        for (int k = 0; k < p.length; k++) {
            p[k] = present[k] ? Math.min(1, Math.max(0, p[k] - high)) : 0;
        }
    }

    private static double clippedSum(double[] p, boolean[] present, double shift) {
        double sum = 0;
        for (int k = 0; k < p.length; k++) {
            sum += present[k] ? Math.min(1, Math.max(0, p[k] - shift)) : 0;
        }
        return sum;
    }

    /** The {@code budget} present types of highest p (ties to the lower index). */
    static int[] top(double[] p, boolean[] present, int budget) {
        return IntStream.range(0, p.length).filter(k -> present[k]).boxed()
                .sorted((x, y) -> p[y] != p[x] ? Double.compare(p[y], p[x]) : Integer.compare(x, y))
                .limit(budget).mapToInt(Integer::intValue).sorted().toArray();
    }

    /** Mean change of the prediction over all sequences when every site of the given types is removed (mean over draws). */
    double effect(int[] types) {
        return effects(List.of(types))[0];
    }

    /** {@link #effect} of each set of types, predicted together. */
    private double[] effects(List<int[]> sets) {
        List<String> windows = new ArrayList<>();
        List<int[]> owner = new ArrayList<>(); // {set, sequence}
        for (int set = 0; set < sets.size(); set++) {
            boolean[] chosen = new boolean[motifs];
            for (int k : sets.get(set)) {
                chosen[k] = true;
            }
            for (int i = 0; i < sequences.size(); i++) {
                SiteAblation s = sequences.get(i);
                int[] indices = s.sitesOf(chosen);
                for (int d = 0; indices.length > 0 && d < s.draws(); d++) {
                    windows.add(s.ablate(indices, d));
                    owner.add(new int[] {set, i});
                }
            }
        }
        double[] predicted = predict(windows);
        double[] sum = new double[sets.size()];
        for (int j = 0; j < predicted.length; j++) {
            int i = owner.get(j)[1];
            sum[owner.get(j)[0]] += (predicted[j] - baseline[i]) / sequences.get(i).draws() / sequences.size();
        }
        return sum;
    }

    /** Every set of {@code budget} present types with its effect, strongest (most negative) first; null above {@code limit} sets. */
    List<Map.Entry<int[], Double>> exhaustive(int budget, int limit) {
        boolean[] present = present();
        int[] candidates = IntStream.range(0, motifs).filter(k -> present[k]).toArray();
        if (budget > candidates.length || CombinatoricsUtils.binomialCoefficientDouble(candidates.length, budget) > limit) {
            return null;
        }
        return ranked(candidates, budget);
    }

    /**
     * The learned mask checked by hard removal: of the {@code budget} + {@value #SHORTLIST_EXTRA}
     * types of highest p, the set of {@code budget} whose removal lowers the predictions most.
     */
    Map.Entry<int[], Double> refine(double[] p, int budget) {
        return ranked(top(p, present(), budget + SHORTLIST_EXTRA), budget).get(0);
    }

    /** Every set of {@code size} of the candidates with its effect, strongest first. */
    private List<Map.Entry<int[], Double>> ranked(int[] candidates, int size) {
        List<int[]> sets = new ArrayList<>();
        CombinatoricsUtils.combinationsIterator(candidates.length, Math.min(size, candidates.length))
                .forEachRemaining(c -> sets.add(IntStream.of(c).map(i -> candidates[i]).toArray()));
        double[] effect = effects(sets);
        List<Map.Entry<int[], Double>> all = new ArrayList<>();
        for (int s = 0; s < sets.size(); s++) {
            all.add(Map.entry(sets.get(s), effect[s]));
        }
        all.sort(Map.Entry.comparingByValue());
        return all;
    }

    private double[] predict(List<String> windows) {
        double[] out = new double[windows.size()];
        for (int from = 0; from < windows.size(); from += batchSize) {
            var p = predictor.predict(windows.subList(from, Math.min(windows.size(), from + batchSize)));
            for (int i = 0; i < p.length; i++) {
                out[from + i] = p[i].mean();
            }
        }
        return out;
    }
}
