package org.regshift.redundancy;

import java.util.ArrayList;
import java.util.List;
import org.regshift.model.Predictor;

/**
 * The removal effects of a batch of sequences in as few forward passes as possible: every
 * sequence, each site removed alone and each pair of sites removed together, each removal in
 * every draw, predicted in batches. Per sequence: {prediction, single effect per site, joint
 * effect per pair (site pairs in order (0,1), (0,2), ..., (1,2), ...)}, effects as the mean over
 * draws of the change of the ensemble's mean.
 */
final class Effects {
    private Effects() {
    }

    static List<double[]> of(List<SiteAblation> sequences, int maxOrder, Predictor predictor, int batchSize) {
        List<String> windows = new ArrayList<>();
        for (SiteAblation a : sequences) {
            windows.add(a.window());
            for (int[] set : sets(a.sites().size(), maxOrder)) {
                for (int d = 0; d < a.draws(); d++) {
                    windows.add(a.ablate(set, d));
                }
            }
        }
        double[] predicted = new double[windows.size()];
        for (int from = 0; from < windows.size(); from += batchSize) {
            Predictor.Prediction[] p = predictor.predict(windows.subList(from, Math.min(windows.size(), from + batchSize)));
            for (int i = 0; i < p.length; i++) {
                predicted[from + i] = p[i].mean();
            }
        }
        List<double[]> out = new ArrayList<>();
        int at = 0;
        for (SiteAblation a : sequences) {
            List<int[]> sets = sets(a.sites().size(), maxOrder);
            double[] e = new double[1 + sets.size()];
            double clean = predicted[at++];
            e[0] = clean;
            for (int s = 0; s < sets.size(); s++) {
                double sum = 0;
                for (int d = 0; d < a.draws(); d++) {
                    sum += predicted[at++] - clean;
                }
                e[1 + s] = sum / a.draws();
            }
            out.add(e);
        }
        return out;
    }

    /** The site sets removed: each site, then with {@code maxOrder} 2 each pair. */
    private static List<int[]> sets(int sites, int maxOrder) {
        List<int[]> sets = new ArrayList<>();
        for (int i = 0; i < sites; i++) {
            sets.add(new int[] {i});
        }
        if (maxOrder >= 2) {
            for (int i = 0; i < sites; i++) {
                for (int j = i + 1; j < sites; j++) {
                    sets.add(new int[] {i, j});
                }
            }
        }
        return sets;
    }
}
