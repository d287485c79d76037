package org.regshift.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.regshift.io.Json;
import org.regshift.motif.Bases;
import org.regshift.motif.Pwm;

/**
 * Structural priors: per sequence its GC fraction and, per motif, the best PWM log-odds score on
 * either strand and the number of sites whose relative score (score - min) / (max - min) is at
 * least {@value #SITE_RELATIVE_SCORE} (the "85%" threshold of TFBSTools), standardised by the
 * training rows' mean and standard deviation. The motifs and the scaling are saved with the model,
 * so prediction computes exactly the features training saw.
 */
public record PriorFeatures(boolean gc, List<Pwm> motifs, double[] mean, double[] sd) {
    static final double SITE_RELATIVE_SCORE = 0.85;

    /** The {@code --priors} choices. */
    public enum Kind {
        NONE, GC, MOTIF, MOTIF_GC;

        /** The command-line name: none, gc, motif, motif+gc. */
        @Override
        public String toString() {
            return name().toLowerCase().replace('_', '+');
        }

        public boolean usesMotifs() {
            return this == MOTIF || this == MOTIF_GC;
        }
    }

    /** Fits the scaling of the chosen features on the training sequences; null for {@link Kind#NONE}. */
    public static PriorFeatures fit(Kind kind, List<Pwm> motifs, List<String> trainSequences) {
        if (kind == Kind.NONE) {
            return null;
        }
        PriorFeatures unscaled = new PriorFeatures(kind != Kind.MOTIF, kind.usesMotifs() ? List.copyOf(motifs) : List.of(), null, null);
        int f = unscaled.size();
        double[] mean = new double[f];
        double[] sq = new double[f];
        for (String s : trainSequences) {
            double[] x = unscaled.raw(s);
            for (int j = 0; j < f; j++) {
                mean[j] += x[j];
                sq[j] += x[j] * x[j];
            }
        }
        double[] sd = new double[f];
        int n = trainSequences.size();
        for (int j = 0; j < f; j++) {
            mean[j] /= n;
            double var = sq[j] / n - mean[j] * mean[j];
            sd[j] = var > 1e-12 ? Math.sqrt(var) : 1;
        }
        return new PriorFeatures(unscaled.gc, unscaled.motifs, mean, sd);
    }

    public int size() {
        return (gc ? 1 : 0) + 2 * motifs.size();
    }

    public List<String> names() {
        List<String> names = new ArrayList<>();
        if (gc) {
            names.add("gc");
        }
        for (Pwm m : motifs) {
            names.add(m.id() + "_best_score");
            names.add(m.id() + "_sites");
        }
        return names;
    }

    /** The features of one sequence before scaling. */
    double[] raw(String sequence) {
        double[] x = new double[size()];
        int j = 0;
        if (gc) {
            x[j++] = gcFraction(sequence);
        }
        byte[] bases = motifs.isEmpty() ? null : Bases.encode(sequence, 0, sequence.length());
        for (Pwm m : motifs) {
            double best = m.minScore();
            int sites = 0;
            double threshold = m.minScore() + SITE_RELATIVE_SCORE * (m.maxScore() - m.minScore());
            for (int p = 0; p + m.length() <= sequence.length(); p++) {
                for (boolean minus : new boolean[] {false, true}) {
                    double score = m.score(bases, p, minus);
                    best = Math.max(best, score);
                    if (score >= threshold) {
                        sites++;
                    }
                }
            }
            x[j++] = best;
            x[j++] = sites;
        }
        return x;
    }

    /** G + C over the called bases (N left out); 0.5 for a sequence of only N. */
    static double gcFraction(String sequence) {
        int called = 0;
        int gcCount = 0;
        for (int i = 0; i < sequence.length(); i++) {
            int b = Bases.index(sequence.charAt(i));
            if (b >= 0) {
                called++;
                if (b == 1 || b == 2) {
                    gcCount++;
                }
            }
        }
        return called == 0 ? 0.5 : gcCount / (double) called;
    }

    /** The standardised features of one sequence. */
    double[] standardised(String sequence) {
        double[] x = raw(sequence);
        for (int j = 0; j < x.length; j++) {
            x[j] = (x[j] - mean[j]) / sd[j];
        }
        return x;
    }

    /** Standardised features, float32 [n, size()]. */
    public INDArray encode(List<String> sequences) {
        int f = size();
        float[] data = new float[sequences.size() * f];
        for (int i = 0; i < sequences.size(); i++) {
            double[] x = standardised(sequences.get(i));
            for (int j = 0; j < f; j++) {
                data[i * f + j] = (float) x[j];
            }
        }
        return Nd4j.create(data, new long[] {sequences.size(), f}, DataType.FLOAT);
    }

    /** The spec for model.json: feature names, scaling, and each motif's probabilities. */
    public Map<String, Object> toJson() {
        List<Map<String, Object>> pwms = motifs.stream().map(m -> Json.object("id", m.id(), "name", m.name(),
                "probabilities", m.probabilities())).toList();
        return Json.object("gc", gc, "site_relative_score", SITE_RELATIVE_SCORE, "features", names(),
                "mean", mean, "sd", sd, "motifs", pwms);
    }

    /** Reads {@link #toJson()}'s form; null for a missing node (a model without priors). */
    public static PriorFeatures fromJson(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        List<Pwm> motifs = new ArrayList<>();
        for (JsonNode m : node.path("motifs")) {
            motifs.add(new Pwm(m.path("id").asText(), m.path("name").asText(),
                    Json.mapper().convertValue(m.path("probabilities"), double[][].class)));
        }
        return new PriorFeatures(node.path("gc").asBoolean(), motifs,
                Json.mapper().convertValue(node.path("mean"), double[].class),
                Json.mapper().convertValue(node.path("sd"), double[].class));
    }
}
