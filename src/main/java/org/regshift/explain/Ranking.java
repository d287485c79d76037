package org.regshift.explain;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** How well scores rank positives above negatives: AUROC (ties count half) and average precision. */
final class Ranking {
    private Ranking() {
    }

    /** The probability that a random positive scores above a random negative; NaN without both. */
    static double auroc(double[] score, boolean[] positive) {
        int n = score.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> score[i]));
        double positiveRanks = 0;
        long positives = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && score[order[j + 1]] == score[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    positiveRanks += rank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRanks - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** Average precision: the mean, over positives, of the precision at each positive's rank (highest score first). */
    static double averagePrecision(double[] score, boolean[] positive) {
        int n = score.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> -score[i]));
        double sum = 0;
        long hits = 0;
        for (int k = 0; k < n; k++) {
            if (positive[order[k]]) {
                hits++;
                sum += (double) hits / (k + 1);
            }
        }
        return hits == 0 ? Double.NaN : sum / hits;
    }
}
