package org.regshift.model;

import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.regshift.io.Json;
import org.regshift.motif.Pwm;

/**
 * How far a sequence lies from the training data where the model's own variance may be blind: the
 * Mahalanobis distance of its GC and motif features (as {@link PriorFeatures}, standardised on the
 * training rows) from the training rows' mean, under their covariance (with a small ridge).
 */
public record OodReference(PriorFeatures features, double[][] precision) {
    private static final double RIDGE = 1e-3;

    public static OodReference fit(List<String> trainSequences, List<Pwm> motifs) {
        PriorFeatures features = PriorFeatures.fit(PriorFeatures.Kind.MOTIF_GC, motifs, trainSequences);
        int f = features.size();
        double[][] cov = new double[f][f];
        for (String s : trainSequences) {
            double[] x = features.standardised(s);
            for (int a = 0; a < f; a++) {
                for (int b = 0; b < f; b++) {
                    cov[a][b] += x[a] * x[b];
                }
            }
        }
        for (int a = 0; a < f; a++) {
            for (int b = 0; b < f; b++) {
                cov[a][b] = cov[a][b] / trainSequences.size() + (a == b ? RIDGE : 0);
            }
        }
        RealMatrix inverse = new CholeskyDecomposition(new Array2DRowRealMatrix(cov), 1e-12, 1e-12).getSolver().getInverse();
        return new OodReference(features, inverse.getData());
    }

    /** The Mahalanobis distance of a sequence from the training rows. */
    public double score(String sequence) {
        double[] x = features.standardised(sequence);
        double d2 = 0;
        for (int a = 0; a < x.length; a++) {
            double row = 0;
            for (int b = 0; b < x.length; b++) {
                row += precision[a][b] * x[b];
            }
            d2 += x[a] * row;
        }
        return Math.sqrt(Math.max(0, d2));
    }

    public Map<String, Object> toJson() {
        return Json.object("features", features.toJson(), "precision", precision);
    }

    public static OodReference fromJson(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        return new OodReference(PriorFeatures.fromJson(node.path("features")),
                Json.mapper().convertValue(node.path("precision"), double[][].class));
    }
}
