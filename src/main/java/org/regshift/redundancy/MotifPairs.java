package org.regshift.redundancy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Site ablation effects gathered per motif and per motif pair over all sequences. For a pair of
 * sites, interaction = joint - (single a + single b); redundancy = interaction signed by the joint
 * effect's direction, so that it is positive when removing both does more than the two removals
 * add up to (redundant sites) and negative when it does less (synergy: either removal already
 * breaks the pair).
 */
final class MotifPairs {
    /** Running sums for one motif or motif pair. */
    static final class Tally {
        long n;
        double singleA;
        double singleB;
        double joint;
        double interaction;
        double interactionSquares;
        double redundancy;

        double mean(double sum) {
            return n == 0 ? Double.NaN : sum / n;
        }

        /** Mean interaction over its standard error (0 below two site pairs). */
        double z() {
            if (n < 2) {
                return 0;
            }
            double mean = interaction / n;
            double variance = Math.max(0, (interactionSquares - n * mean * mean) / (n - 1));
            return variance == 0 ? 0 : mean / Math.sqrt(variance / n);
        }
    }

    /** One row of the ranking: the motif indices (a <= b), their tally and rank among distinct pairs (1-based, 0: not ranked). */
    record Ranked(int a, int b, Tally tally, int rank) {
    }

    private final Map<String, Tally> pairs = new TreeMap<>();
    private final Map<Integer, double[]> singles = new TreeMap<>();
    private final int minSitePairs;

    MotifPairs(int minSitePairs) {
        this.minSitePairs = minSitePairs;
    }

    static String key(int a, int b) {
        return Math.min(a, b) + ":" + Math.max(a, b);
    }

    void single(int motif, double effect) {
        double[] s = singles.computeIfAbsent(motif, k -> new double[2]);
        s[0] += effect;
        s[1]++;
    }

    /** Adds one site pair: motifs {@code a} and {@code b} with their single and joint removal effects. */
    void pair(int a, int b, double effectA, double effectB, double joint) {
        boolean swap = a > b;
        Tally t = pairs.computeIfAbsent(key(a, b), k -> new Tally());
        double interaction = joint - effectA - effectB;
        t.n++;
        t.singleA += swap ? effectB : effectA;
        t.singleB += swap ? effectA : effectB;
        t.joint += joint;
        t.interaction += interaction;
        t.interactionSquares += interaction * interaction;
        t.redundancy += Math.signum(joint) * interaction;
    }

    /** Per motif index: {sum of single effects, number of sites}. */
    Map<Integer, double[]> singles() {
        return singles;
    }

    /**
     * Every motif pair seen, distinct pairs with at least the minimum number of site pairs ranked by
     * |mean interaction| (largest first), then the rest (self pairs and rare pairs) unranked.
     */
    List<Ranked> ranked() {
        List<Ranked> rows = new ArrayList<>();
        pairs.forEach((key, t) -> {
            String[] ab = key.split(":");
            rows.add(new Ranked(Integer.parseInt(ab[0]), Integer.parseInt(ab[1]), t, 0));
        });
        Comparator<Ranked> strongest = Comparator.comparingDouble((Ranked r) -> -Math.abs(r.tally().mean(r.tally().interaction)));
        List<Ranked> eligible = rows.stream().filter(this::rankable).sorted(strongest
                .thenComparingInt(Ranked::a).thenComparingInt(Ranked::b)).toList();
        List<Ranked> out = new ArrayList<>();
        for (int i = 0; i < eligible.size(); i++) {
            Ranked r = eligible.get(i);
            out.add(new Ranked(r.a(), r.b(), r.tally(), i + 1));
        }
        rows.stream().filter(r -> !rankable(r)).forEach(out::add);
        return out;
    }

    private boolean rankable(Ranked r) {
        return r.a() != r.b() && r.tally().n >= minSitePairs;
    }

    /** Precision at k of the ranking against the planted pairs, for each k in {@code ks} no larger than the ranking. */
    static Map<String, Double> precisionAtK(List<Ranked> ranked, PlantedPairs planted, int[] ks) {
        List<Ranked> order = ranked.stream().filter(r -> r.rank() > 0).toList();
        Map<String, Double> out = new LinkedHashMap<>();
        for (int k : ks) {
            if (k <= order.size()) {
                long hits = order.subList(0, k).stream().filter(r -> !planted.of(r.a(), r.b()).equals(PlantedPairs.NONE)).count();
                out.put(String.valueOf(k), (double) hits / k);
            }
        }
        return out;
    }
}
