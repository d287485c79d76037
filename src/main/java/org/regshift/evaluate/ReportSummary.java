package org.regshift.evaluate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's opening sentences, computed from the metrics: which shifts degrade accuracy, which
 * break the coverage of the 90% intervals, what calibration recovers, and what abstaining on the
 * most uncertain half buys.
 */
final class ReportSummary {
    /** A shift degrades accuracy when it loses more than this much Pearson against the reference. */
    static final double PEARSON_DROP = 0.05;
    /** 90% intervals are broken when they cover less than this. */
    static final double COVERAGE_FLOOR = 0.85;
    private static final double RMSE_GROWTH = 1.25;
    private static final int LISTED = 4;

    private final Evaluation.ScenarioResult reference;
    private final List<Evaluation.ScenarioResult> all;
    private final List<Evaluation.ScenarioResult> shifted;
    private final Map<String, MetricSet> uncalibrated;

    private ReportSummary(Evaluation evaluation, Map<String, MetricSet> uncalibrated) {
        this.reference = evaluation.referenceResult();
        this.all = evaluation.scenarios();
        this.shifted = all.stream().filter(s -> s != reference).toList();
        this.uncalibrated = uncalibrated;
    }

    static List<String> sentences(Evaluation evaluation, Map<String, MetricSet> uncalibrated) {
        ReportSummary summary = new ReportSummary(evaluation, uncalibrated);
        List<String> out = new ArrayList<>();
        out.add(summary.shifted.isEmpty() ? summary.accuracyAlone() : summary.accuracy());
        out.add(summary.coverage());
        if (!uncalibrated.isEmpty()) {
            out.add(summary.calibration());
        }
        if (evaluation.groupBy() != null && summary.reference.worstGroup() != null) {
            out.add(summary.groups(evaluation.groupBy()));
        }
        out.add(summary.selective());
        return out;
    }

    private String accuracyAlone() {
        MetricSet m = reference.metrics();
        return String.format(Locale.ROOT, "Accuracy on %s: Pearson %.3f, Spearman %.3f, RMSE %.3f over %d elements.",
                reference.name(), m.get("pearson"), m.get("spearman"), m.get("rmse"), (int) m.get("n"));
    }

    private String accuracy() {
        double refPearson = reference.metrics().get("pearson");
        List<Evaluation.ScenarioResult> byDrop = new ArrayList<>(shifted);
        byDrop.sort(Comparator.comparingDouble(s -> s.metrics().get("pearson")));
        Evaluation.ScenarioResult worst = byDrop.get(0);
        long degraded = shifted.stream().filter(s -> refPearson - s.metrics().get("pearson") > PEARSON_DROP).count();
        String first = degraded == 0
                ? String.format(Locale.ROOT, "Accuracy holds: no shift loses more than %.2f Pearson against %s (%.3f); "
                        + "the largest change is %s (%.3f).", PEARSON_DROP, reference.name(), refPearson, worst.name(),
                        worst.metrics().get("pearson"))
                : String.format(Locale.ROOT, "Accuracy: %d of %d shifts lose more than %.2f Pearson against %s (%.3f); "
                        + "the worst is %s (%.3f).", degraded, shifted.size(), PEARSON_DROP, reference.name(), refPearson,
                        worst.name(), worst.metrics().get("pearson"));
        Evaluation.ScenarioResult worstRmse = shifted.stream()
                .max(Comparator.comparingDouble(s -> ratio(s, "rmse"))).orElseThrow();
        long grown = shifted.stream().filter(s -> ratio(s, "rmse") >= RMSE_GROWTH).count();
        return first + (grown == 0
                ? String.format(Locale.ROOT, " RMSE stays below %.2fx the reference's everywhere (at most %.2fx, %s).",
                        RMSE_GROWTH, ratio(worstRmse, "rmse"), worstRmse.name())
                : String.format(Locale.ROOT, " RMSE grows to %.2fx or more in %d, up to %.2fx under %s.", RMSE_GROWTH, grown,
                        ratio(worstRmse, "rmse"), worstRmse.name()));
    }

    private static double ratio(Evaluation.ScenarioResult s, String metric) {
        return s.ratioToReference().get(metric);
    }

    /** Coverage before calibration when the report has it, else of the evaluated tables. */
    private String coverage() {
        boolean raw = !uncalibrated.isEmpty();
        List<String> broken = new ArrayList<>();
        String lowest = null;
        double lowestValue = Double.POSITIVE_INFINITY;
        for (Evaluation.ScenarioResult s : all) {
            double c = coverage(s, raw);
            if (c < COVERAGE_FLOOR) {
                broken.add(s.name() + String.format(Locale.ROOT, " %.3f", c));
            }
            if (c < lowestValue) {
                lowestValue = c;
                lowest = s.name();
            }
        }
        String which = raw ? "The uncalibrated 90% intervals" : "The 90% intervals";
        if (broken.isEmpty()) {
            return String.format(Locale.ROOT, "%s keep their coverage: at least %.2f in every scenario (lowest %.3f, %s).",
                    which, COVERAGE_FLOOR, lowestValue, lowest);
        }
        return String.format(Locale.ROOT, "%s break (coverage below %.2f) in %d of %d scenarios: %s.", which, COVERAGE_FLOOR,
                broken.size(), all.size(), listed(broken));
    }

    private String calibration() {
        int broken = 0;
        int recovered = 0;
        List<String> after = new ArrayList<>();
        for (Evaluation.ScenarioResult s : all) {
            double before = coverage(s, true);
            double calibrated = coverage(s, false);
            if (before < COVERAGE_FLOOR) {
                broken++;
                recovered += calibrated >= COVERAGE_FLOOR ? 1 : 0;
            }
            if (calibrated < COVERAGE_FLOOR) {
                after.add(String.format(Locale.ROOT, "%s %.3f -> %.3f", s.name(), before, calibrated));
            }
        }
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "Calibration moves the coverage of %s from %.3f to %.3f",
                reference.name(), coverage(reference, true), coverage(reference, false)));
        if (broken > 0) {
            s.append(String.format(Locale.ROOT, "; of the %d scenario%s broken before it, %s", broken, broken == 1 ? "" : "s",
                    recovered == 0 ? "none recovers" : recovered + " recover" + (recovered == 1 ? "s" : "")));
        }
        return s.append(after.isEmpty() ? String.format(Locale.ROOT, "; after it every scenario covers at least %.2f.",
                COVERAGE_FLOOR) : String.format(Locale.ROOT, "; after it %d cover%s less than %.2f: %s.", after.size(),
                after.size() == 1 ? "s" : "", COVERAGE_FLOOR, listed(after))).toString();
    }

    private String groups(String groupBy) {
        Evaluation.WorstGroup pearson = reference.worstGroup().get("pearson");
        Evaluation.WorstGroup coverage = reference.worstGroup().get("coverage_90");
        return String.format(Locale.ROOT, "By %s on %s: the worst group for Pearson is %s (%.3f against %.3f overall), "
                + "for 90%% coverage %s (%.3f against %.3f).", groupBy, reference.name(), pearson.group(), pearson.value(),
                reference.metrics().get("pearson"), coverage.group(), coverage.value(), reference.metrics().get("coverage_90"));
    }

    private String selective() {
        double refGain = riskReduction(reference);
        if (shifted.isEmpty()) {
            return String.format(Locale.ROOT, "Selective prediction: abstaining on the half with the largest var_total "
                    + "lowers the squared error by %.0f%%.", 100 * refGain);
        }
        List<Evaluation.ScenarioResult> byGain = new ArrayList<>(shifted);
        byGain.sort(Comparator.comparingDouble(ReportSummary::riskReduction));
        double median = riskReduction(byGain.get(byGain.size() / 2));
        Evaluation.ScenarioResult least = byGain.get(0);
        return String.format(Locale.ROOT, "Selective prediction: abstaining on the half with the largest var_total lowers "
                + "the squared error by %.0f%% on %s and by a median %.0f%% under shift (least: %s, %.0f%%).", 100 * refGain,
                reference.name(), 100 * median, least.name(), 100 * riskReduction(least));
    }

    /** 1 - risk at 50% coverage / risk at 100%: what abstaining on the most uncertain half removes. */
    static double riskReduction(Evaluation.ScenarioResult s) {
        return 1 - s.metrics().get("risk_at_50") / s.metrics().get("risk_at_100");
    }

    private double coverage(Evaluation.ScenarioResult s, boolean raw) {
        MetricSet m = raw ? uncalibrated.get(s.name()) : s.metrics();
        return m == null ? Double.NaN : m.get("coverage_90");
    }

    private static String listed(List<String> items) {
        return items.size() <= LISTED ? String.join(", ", items)
                : String.join(", ", items.subList(0, LISTED)) + " and " + (items.size() - LISTED) + " more";
    }
}
