package org.regshift.split;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Assigns items to the train/valid/calibration/test splits so that every group (for example the
 * overlapping tiles of one region) stays whole inside one split. Groups are shuffled with the
 * seed (from their sorted order, so the input's row order does not matter) and laid end to end;
 * a group goes to the split its midpoint falls in, so the split sizes follow the fractions as
 * closely as whole groups allow.
 */
public final class GroupSplitter {
    public static final List<String> SPLITS = List.of("train", "valid", "calibration", "test");

    private final double[] fractions;
    private final long seed;

    public GroupSplitter(double[] fractions, long seed) {
        if (fractions.length != SPLITS.size()) {
            throw new IllegalArgumentException("expected " + SPLITS.size() + " split fractions");
        }
        this.fractions = fractions.clone();
        this.seed = seed;
    }

    /** Parses "0.7,0.1,0.1,0.1"; the fractions must be non-negative and sum to 1. */
    public static double[] parseFractions(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length != SPLITS.size()) {
            throw new IllegalArgumentException("expected " + SPLITS.size() + " comma-separated fractions for "
                    + String.join("/", SPLITS) + ", got '" + text + "'");
        }
        double[] f = new double[parts.length];
        double sum = 0;
        for (int i = 0; i < parts.length; i++) {
            try {
                f[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + parts[i] + "' in '" + text + "' is not a number");
            }
            if (!(f[i] >= 0 && f[i] <= 1)) {
                throw new IllegalArgumentException("split fraction " + parts[i] + " is outside [0, 1]");
            }
            sum += f[i];
        }
        if (Math.abs(sum - 1) > 1e-6) {
            throw new IllegalArgumentException("split fractions '" + text + "' sum to " + String.format(java.util.Locale.ROOT, "%.4g", sum) + ", not 1");
        }
        return f;
    }

    /** The split of each item, given the group of each item. */
    public String[] assign(List<String> groupOfItem) {
        Map<String, Integer> sizes = new TreeMap<>();
        for (String g : groupOfItem) {
            sizes.merge(g, 1, Integer::sum);
        }
        List<String> order = new ArrayList<>(sizes.keySet());
        Collections.shuffle(order, new Random(seed));
        double n = groupOfItem.size();
        Map<String, String> splitOfGroup = new LinkedHashMap<>();
        long laid = 0;
        for (String g : order) {
            int size = sizes.get(g);
            splitOfGroup.put(g, splitAt((laid + size / 2.0) / n));
            laid += size;
        }
        String[] out = new String[groupOfItem.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = splitOfGroup.get(groupOfItem.get(i));
        }
        return out;
    }

    private String splitAt(double position) {
        double bound = 0;
        for (int i = 0; i < fractions.length; i++) {
            bound += fractions[i];
            if (position < bound) {
                return SPLITS.get(i);
            }
        }
        int last = fractions.length - 1;
        while (last > 0 && fractions[last] == 0) {
            last--;
        }
        return SPLITS.get(last);
    }
}
