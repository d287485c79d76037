package org.regshift.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.regshift.motif.Bases;

/** Small edits of a sequence that a stable explanation should survive. */
final class Perturbation {
    private Perturbation() {
    }

    /** {@code k} distinct known bases, chosen at random, each replaced by another random base. */
    static String random(String window, int k, Random random) {
        List<Integer> known = new ArrayList<>(IntStream.range(0, window.length())
                .filter(p -> Bases.index(window.charAt(p)) >= 0).boxed().toList());
        char[] bases = window.toCharArray();
        for (int i = 0; i < Math.min(k, known.size()); i++) {
            int pick = i + random.nextInt(known.size() - i);
            int p = known.get(pick);
            known.set(pick, known.get(i));
            int base = (Bases.index(bases[p]) + 1 + random.nextInt(3)) % 4;
            bases[p] = Bases.ACGT.charAt(base);
        }
        return new String(bases);
    }

    /**
     * The discrete step along the gradient: at the {@code k} positions where switching base raises
     * the prediction most to first order (largest centred-gradient gain over the observed base), that base.
     */
    static String alongGradient(String window, double[][] hypothetical, int k) {
        int length = window.length();
        int[] best = new int[length];
        double[] gain = new double[length];
        for (int p = 0; p < length; p++) {
            int observed = Bases.index(window.charAt(p));
            gain[p] = Double.NEGATIVE_INFINITY;
            if (observed < 0) {
                continue;
            }
            for (int b = 0; b < 4; b++) {
                if (b != observed && hypothetical[b][p] - hypothetical[observed][p] > gain[p]) {
                    gain[p] = hypothetical[b][p] - hypothetical[observed][p];
                    best[p] = b;
                }
            }
        }
        char[] bases = window.toCharArray();
        IntStream.range(0, length).boxed().filter(p -> gain[p] > Double.NEGATIVE_INFINITY)
                .sorted(Comparator.comparingDouble((Integer p) -> -gain[p]).thenComparingInt(p -> p)).limit(k)
                .forEach(p -> bases[p] = Bases.ACGT.charAt(best[p]));
        return new String(bases);
    }
}
