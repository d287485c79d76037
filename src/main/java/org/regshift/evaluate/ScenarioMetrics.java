package org.regshift.evaluate;

import java.util.LinkedHashMap;
import java.util.Map;
import org.regshift.metrics.BoundedRows;
import org.regshift.metrics.Bounds;
import org.regshift.metrics.Metrics;
import org.regshift.metrics.Selective;

/**
 * Every metric of one set of predictions with known targets: accuracy (RMSE, MAE, Pearson,
 * Spearman, R²), proper scores (NLL, CRPS), coverage and width of central intervals at 50/80/90/95%
 * and the 90% interval score (from the table's interval columns where it has them, else Gaussian), calibration (MACE, RMSCE, miscalibration area of the interval curve; ENCE),
 * sharpness, the fraction of unbounded rows, and selective prediction ranked by var_total (AURC,
 * E-AURC, AUSE, risk at 50% coverage, squared error).
 */
public final class ScenarioMetrics {
    public static final double[] LEVELS = {0.5, 0.8, 0.9, 0.95};
    private static final int CURVE_BINS = 100;
    private static final int ENCE_BINS = 10;

    private ScenarioMetrics() {
    }

    /** A level as metric names write it: 90 for 0.9. */
    static String percent(double level) {
        return Integer.toString((int) Math.round(level * 100));
    }

    /**
     * The metrics; coverage, width and interval score at a level come from {@code intervals} (level ->
     * bounds) where it has the level, else from the Gaussian N(mu, var). A row with an infinite
     * variance (an unbounded calibrated interval) counts as covered at every level (coverage, the
     * interval calibration curve and its errors) and is ranked last for selective prediction; the
     * metrics of the predictive distribution's size and score (NLL, CRPS, ENCE, sharpness; width and
     * interval score at a level: over the rows whose interval at that level is bounded) are over the
     * bounded rows, and {@code unbounded_fraction} says how many rows that leaves out.
     */
    public static MetricSet of(double[] y, double[] mu, double[] var, Map<Double, Bounds> intervals) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("rmse", Metrics.rmse(y, mu));
        m.put("mae", Metrics.mae(y, mu));
        m.put("pearson", Metrics.pearson(y, mu));
        m.put("spearman", Metrics.spearman(y, mu));
        m.put("r2", Metrics.r2(y, mu));
        BoundedRows bounded = BoundedRows.of(y, mu, var);
        m.put("nll", bounded.nll());
        m.put("crps", bounded.crps());
        for (double level : LEVELS) {
            String pct = percent(level);
            Bounds b = intervals.get(level);
            m.put("coverage_" + pct, b == null ? Metrics.coverage(y, mu, var, level) : Metrics.coverage(y, b));
            m.put("width_" + pct, b == null ? bounded.meanWidth(level) : Metrics.meanWidth(b));
        }
        Bounds b90 = intervals.get(0.9);
        m.put("interval_score_90", b90 == null ? bounded.intervalScore(0.9) : Metrics.intervalScore(y, b90, 0.9));
        double[][] curve = Metrics.calibrationCurve(y, mu, var, CURVE_BINS);
        m.put("mace", Metrics.mace(curve));
        m.put("rmsce", Metrics.rmsce(curve));
        m.put("miscalibration_area", Metrics.miscalibrationArea(curve));
        m.put("ence", bounded.ence(ENCE_BINS));
        m.put("sharpness", bounded.sharpness());
        m.put("unbounded_fraction", bounded.unboundedFraction());
        double[] loss = Selective.losses(y, mu, Selective.Risk.SQUARED);
        int[] order = Selective.order(var);
        double[] risks = Selective.selectiveRisks(loss, order);
        double[] oracle = Selective.selectiveRisks(loss, Selective.order(loss));
        double aurc = Selective.aurc(risks);
        m.put("aurc", aurc);
        m.put("e_aurc", aurc - Selective.aurc(oracle));
        m.put("ause", Selective.ause(risks, oracle, Selective.Risk.SQUARED));
        m.put("risk_at_50", Selective.riskAtCoverage(loss, order, 0.5));
        m.put("risk_at_100", risks[risks.length - 1]);
        return new MetricSet(y.length, m);
    }
}
