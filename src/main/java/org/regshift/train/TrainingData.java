package org.regshift.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.regshift.io.InputException;
import org.regshift.seq.SequenceTable;
import org.regshift.split.GroupSplitter;

/**
 * The rows a model trains on: training and validation sequences with their targets, standardised
 * by the training rows' mean and standard deviation. Without a split column a seeded split is made
 * (80% train, 10% valid, 10% test); without validation rows a seeded 10% of the training rows is
 * held out for early stopping.
 */
public record TrainingData(List<String> trainSequences, float[] trainTargets, List<String> validSequences,
                           float[] validTargets, double targetMean, double targetSd, int length) {
    private static final double[] DEFAULT_SPLIT = {0.8, 0.1, 0, 0.1};

    public static TrainingData load(Path file, SequenceTable.Columns columns, Integer seqLen, long seed) {
        List<SequenceTable.Row> rows = new ArrayList<>();
        int minLength = Integer.MAX_VALUE;
        int maxLength = 0;
        boolean hasSplit;
        try (SequenceTable table = new SequenceTable(file, columns, true)) {
            hasSplit = table.hasSplit();
            for (SequenceTable.Row r = table.next(); r != null; r = table.next()) {
                rows.add(r);
                minLength = Math.min(minLength, r.sequence().length());
                maxLength = Math.max(maxLength, r.sequence().length());
            }
        }
        if (rows.isEmpty()) {
            throw InputException.inFile(file, "has no rows to train on");
        }
        if (seqLen == null && minLength != maxLength) {
            throw InputException.inFile(file, "sequences have lengths " + minLength + " to " + maxLength
                    + "; give --seq-len N to centre-crop or pad them to N");
        }
        String[] splits = hasSplit ? rows.stream().map(SequenceTable.Row::split).toArray(String[]::new)
                : new GroupSplitter(DEFAULT_SPLIT, seed).assign(rows.stream().map(SequenceTable.Row::id).toList());
        List<SequenceTable.Row> train = new ArrayList<>();
        List<SequenceTable.Row> valid = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if ("train".equals(splits[i])) {
                train.add(rows.get(i));
            } else if ("valid".equals(splits[i])) {
                valid.add(rows.get(i));
            }
        }
        if (valid.isEmpty() && train.size() >= 10) {
            List<SequenceTable.Row> shuffled = new ArrayList<>(train);
            java.util.Collections.shuffle(shuffled, new Random(seed));
            valid = new ArrayList<>(shuffled.subList(0, train.size() / 10));
            train = new ArrayList<>(shuffled.subList(train.size() / 10, shuffled.size()));
        }
        if (train.size() < 2 || valid.isEmpty()) {
            throw InputException.inFile(file, "too few rows to train on: " + train.size() + " in the training split and "
                    + valid.size() + " for validation (need at least 10 training rows)");
        }
        double mean = train.stream().mapToDouble(SequenceTable.Row::target).average().orElseThrow();
        double sd = Math.sqrt(train.stream().mapToDouble(r -> (r.target() - mean) * (r.target() - mean)).sum() / train.size());
        if (!(sd > 0)) {
            sd = 1;
        }
        return new TrainingData(train.stream().map(SequenceTable.Row::sequence).toList(), standardise(train, mean, sd),
                valid.stream().map(SequenceTable.Row::sequence).toList(), standardise(valid, mean, sd), mean, sd,
                seqLen == null ? maxLength : seqLen);
    }

    private static float[] standardise(List<SequenceTable.Row> rows, double mean, double sd) {
        float[] y = new float[rows.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) ((rows.get(i).target() - mean) / sd);
        }
        return y;
    }
}
