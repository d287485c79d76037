package org.regshift.simulate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.regshift.io.Json;
import org.regshift.motif.Pwm;

/**
 * The cell-type programs that turn motif sites into activity: per cell type a baseline, an effect
 * per motif (activators and repressors, correlated across cell types), a GC term and pairwise
 * cooperativity strengths; shared by all cell types, the redundancy groups (a second site of a
 * group adds {@value #REDUNDANCY} times what the first adds), the cooperating motif pairs, the
 * batch factors, and the GC response around the training library's mean GC: a curved GC term and
 * an accessibility that scales every motif's effect with GC. See docs/simulator.md.
 */
public final class CellPrograms {
    static final double REDUNDANCY = 0.5;
    static final double POSITION_EFFECT = 0.3;
    static final int COOPERATIVITY_DISTANCE = 30;
    /** Motif effects grow by this fraction per unit of GC above the training mean (chromatin opens with GC). */
    static final double ACCESSIBILITY_SLOPE = 3;
    /** log2 activity per squared unit of GC away from the training mean. */
    static final double GC_CURVATURE = -8;
    private static final double ACTIVATOR_FRACTION = 0.65;
    private static final double REDUNDANT_MOTIF_FRACTION = 0.3;
    private static final double COOPERATING_PAIR_FRACTION = 0.1;

    final List<Pwm> motifs;
    final int[] redundancyGroup;
    final int[][] pairIndex;
    final List<int[]> pairs;
    final double[] baseline;
    final double[][] effect;
    final double[] gcEffect;
    final double[][] cooperativity;
    final double[] batchLog2Factor;
    final double gcCentre;

    private CellPrograms(List<Pwm> motifs, int[] redundancyGroup, List<int[]> pairs, double[] baseline, double[][] effect,
                         double[] gcEffect, double[][] cooperativity, double[] batchLog2Factor, double gcCentre) {
        this.motifs = List.copyOf(motifs);
        this.gcCentre = gcCentre;
        this.redundancyGroup = redundancyGroup;
        this.pairs = pairs;
        this.pairIndex = new int[motifs.size()][motifs.size()];
        for (int[] row : pairIndex) {
            java.util.Arrays.fill(row, -1);
        }
        for (int k = 0; k < pairs.size(); k++) {
            pairIndex[pairs.get(k)[0]][pairs.get(k)[1]] = k;
            pairIndex[pairs.get(k)[1]][pairs.get(k)[0]] = k;
        }
        this.baseline = baseline;
        this.effect = effect;
        this.gcEffect = gcEffect;
        this.cooperativity = cooperativity;
        this.batchLog2Factor = batchLog2Factor;
    }

    /** Draws the programs of every cell type from the seed. */
    public static CellPrograms generate(List<Pwm> motifs, SimParameters p, long seed) {
        Draws d = new Draws(seed);
        int m = motifs.size();
        int c = p.cellTypes();
        double[] shared = new double[m];
        for (int i = 0; i < m; i++) {
            shared[i] = motifEffect(d);
        }
        double sharedWeight = Math.sqrt(p.cellTypeCorrelation());
        double ownWeight = Math.sqrt(1 - p.cellTypeCorrelation());
        double[][] effect = new double[c][m];
        double[] baseline = new double[c];
        double[] gcEffect = new double[c];
        for (int t = 0; t < c; t++) {
            baseline[t] = d.normal(-1, 0.25);
            gcEffect[t] = d.normal(0, 1);
            for (int i = 0; i < m; i++) {
                effect[t][i] = sharedWeight * shared[i] + ownWeight * motifEffect(d);
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new java.util.Random(d.uniformInt(Integer.MAX_VALUE)));
        int[] group = new int[m];
        int paired = 2 * (int) Math.floor(REDUNDANT_MOTIF_FRACTION * m / 2);
        for (int k = 0; k < m; k++) {
            group[order.get(k)] = k < paired ? k / 2 : k;
        }
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                if (d.bernoulli(COOPERATING_PAIR_FRACTION)) {
                    pairs.add(new int[] {i, j});
                }
            }
        }
        double[][] cooperativity = new double[c][pairs.size()];
        for (double[] row : cooperativity) {
            for (int k = 0; k < row.length; k++) {
                row[k] = d.normal(0.6, 0.25);
            }
        }
        double[] batch = new double[p.batches()];
        for (int b = 0; b < batch.length; b++) {
            batch[b] = d.normal(0, 0.2);
        }
        return new CellPrograms(motifs, group, pairs, baseline, effect, gcEffect, cooperativity, batch, p.gcMean());
    }

    private static double motifEffect(Draws d) {
        return d.bernoulli(ACTIVATOR_FRACTION) ? d.normal(1.0, 0.35) : -Math.abs(d.normal(0.8, 0.3));
    }

    public int cellTypes() {
        return baseline.length;
    }

    /** The programs after a concept shift: motif rewiring and movement towards another cell type. */
    public CellPrograms shifted(Shift shift, long seed) {
        double[][] eff = deepCopy(effect);
        double[] base = baseline.clone();
        double[] gc = gcEffect.clone();
        double[][] coop = deepCopy(cooperativity);
        if (shift.rewireFraction() > 0) {
            rewire(eff, shift.rewireFraction(), new Draws(seed));
        }
        double s = shift.cellTypeMix();
        int c = cellTypes();
        if (s > 0 && c > 1) {
            for (int t = 0; t < c; t++) {
                int next = (t + 1) % c;
                base[t] = (1 - s) * baseline[t] + s * baseline[next];
                gc[t] = (1 - s) * gcEffect[t] + s * gcEffect[next];
                for (int i = 0; i < eff[t].length; i++) {
                    eff[t][i] = (1 - s) * effect[t][i] + s * effect[next][i];
                }
                for (int k = 0; k < coop[t].length; k++) {
                    coop[t][k] = (1 - s) * cooperativity[t][k] + s * cooperativity[next][k];
                }
            }
        }
        return new CellPrograms(motifs, redundancyGroup, pairs, base, eff, gc, coop, batchLog2Factor, gcCentre);
    }

    /** Sign-flips half of a random fraction of motifs and permutes the other half's effects cyclically. */
    private static void rewire(double[][] effect, double fraction, Draws d) {
        int m = effect[0].length;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new java.util.Random(d.uniformInt(Integer.MAX_VALUE)));
        List<Integer> chosen = order.subList(0, (int) Math.round(fraction * m));
        List<Integer> permuted = new ArrayList<>();
        for (int i : chosen) {
            if (d.bernoulli(0.5)) {
                permuted.add(i);
            } else {
                for (double[] row : effect) {
                    row[i] = -row[i];
                }
            }
        }
        if (permuted.size() == 1) {
            for (double[] row : effect) {
                row[permuted.get(0)] = -row[permuted.get(0)];
            }
            return;
        }
        for (double[] row : effect) {
            double first = row[permuted.isEmpty() ? 0 : permuted.get(0)];
            for (int k = 0; k < permuted.size(); k++) {
                row[permuted.get(k)] = k + 1 < permuted.size() ? row[permuted.get(k + 1)] : first;
            }
        }
    }

    /** How much of each motif's effect a sequence of this GC fraction lets through. */
    double accessibility(double gc) {
        return Math.max(0, 1 + ACCESSIBILITY_SLOPE * (gc - gcCentre));
    }

    /** True activity (log2) of a sequence with these occupied sites and GC fraction in cell type {@code t}. */
    public double activity(int t, List<Site> sites, double gc, int length) {
        double access = accessibility(gc);
        double a = baseline[t] + gcEffect[t] * (gc - 0.5) + GC_CURVATURE * (gc - gcCentre) * (gc - gcCentre);
        Map<Integer, List<Double>> byGroup = new LinkedHashMap<>();
        for (Site s : sites) {
            Pwm pwm = motifs.get(s.motif());
            double centre = s.start() + pwm.length() / 2.0;
            double position = 1 - POSITION_EFFECT * (1 - centre / length);
            byGroup.computeIfAbsent(redundancyGroup[s.motif()], k -> new ArrayList<>())
                    .add(effect[t][s.motif()] * s.affinity() * position * access);
        }
        for (List<Double> contributions : byGroup.values()) {
            contributions.sort((x, y) -> Double.compare(Math.abs(y), Math.abs(x)));
            double weight = 1;
            for (double e : contributions) {
                a += weight * e;
                weight *= REDUNDANCY;
            }
        }
        for (int i = 0; i < sites.size(); i++) {
            for (int j = i + 1; j < sites.size(); j++) {
                Site x = sites.get(i);
                Site y = sites.get(j);
                int pair = pairIndex[x.motif()][y.motif()];
                if (pair >= 0 && Math.abs(centre(x) - centre(y)) <= COOPERATIVITY_DISTANCE) {
                    a += cooperativity[t][pair] * x.affinity() * y.affinity() * access;
                }
            }
        }
        return a;
    }

    private double centre(Site s) {
        return s.start() + motifs.get(s.motif()).length() / 2.0;
    }

    /** The programs as a JSON-ready map, for scenario.json. */
    public Map<String, Object> describe() {
        List<Object> cells = new ArrayList<>();
        for (int t = 0; t < cellTypes(); t++) {
            Map<String, Object> effects = new LinkedHashMap<>();
            for (int i = 0; i < motifs.size(); i++) {
                effects.put(motifs.get(i).id(), effect[t][i]);
            }
            List<Object> coop = new ArrayList<>();
            for (int k = 0; k < pairs.size(); k++) {
                coop.add(Json.object("motifs", List.of(motifs.get(pairs.get(k)[0]).id(), motifs.get(pairs.get(k)[1]).id()),
                        "strength", cooperativity[t][k]));
            }
            cells.add(Json.object("cell_type", "ct" + (t + 1), "baseline", baseline[t], "gc_effect", gcEffect[t],
                    "motif_effects", effects, "cooperativity", coop));
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (int i = 0; i < motifs.size(); i++) {
            groups.computeIfAbsent("group" + redundancyGroup[i], k -> new ArrayList<>()).add(motifs.get(i).id());
        }
        return Json.object("cell_programs", cells,
                "redundancy_groups", groups.values().stream().filter(g -> g.size() > 1).toList(),
                "redundancy_factor", REDUNDANCY, "position_effect", POSITION_EFFECT,
                "cooperativity_distance", COOPERATIVITY_DISTANCE, "batch_log2_factors", batchLog2Factor,
                "gc_centre", gcCentre, "accessibility_slope", ACCESSIBILITY_SLOPE, "gc_curvature", GC_CURVATURE);
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
