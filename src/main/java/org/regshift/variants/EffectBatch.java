package org.regshift.variants;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.regshift.model.Predictor;

/**
 * A batch of (reference, alternative) window pairs, each with what it came from. A window shared by
 * several pairs (the reference of every allele at a site) is predicted once: the batch is full when
 * it holds the batch size in distinct windows.
 *
 * @param <T> what a pair came from
 */
final class EffectBatch<T> {
    private final Predictor predictor;
    private final int size;
    private final Map<String, Integer> windows = new LinkedHashMap<>();
    private final List<T> sources = new ArrayList<>();
    private final List<int[]> pairs = new ArrayList<>();

    /** A pair's source and its effect. */
    record Scored<T>(T source, AlleleEffect effect) {
    }

    EffectBatch(Predictor predictor, int size) {
        this.predictor = predictor;
        this.size = size;
    }

    void add(T source, String ref, String alt) {
        sources.add(source);
        pairs.add(new int[] {index(ref), index(alt)});
    }

    boolean full() {
        return windows.size() >= size;
    }

    /** Predicts every window, returns the pairs' effects in the order they were added, and empties the batch. */
    List<Scored<T>> score() {
        List<Scored<T>> scored = new ArrayList<>(pairs.size());
        if (!pairs.isEmpty()) {
            Predictor.MemberPredictions p = predictor.members(new ArrayList<>(windows.keySet()));
            int m = p.means().length;
            for (int i = 0; i < pairs.size(); i++) {
                int ref = pairs.get(i)[0];
                int alt = pairs.get(i)[1];
                double[] refMeans = new double[m];
                double[] altMeans = new double[m];
                double refVar = 0;
                double altVar = 0;
                for (int k = 0; k < m; k++) {
                    refMeans[k] = p.means()[k][ref];
                    altMeans[k] = p.means()[k][alt];
                    refVar += p.variances()[k][ref] / m;
                    altVar += p.variances()[k][alt] / m;
                }
                scored.add(new Scored<>(sources.get(i), new AlleleEffect(refMeans, altMeans, refVar, altVar)));
            }
        }
        windows.clear();
        sources.clear();
        pairs.clear();
        return scored;
    }

    private int index(String window) {
        return windows.computeIfAbsent(window, w -> windows.size());
    }
}
