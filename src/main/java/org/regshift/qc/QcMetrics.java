package org.regshift.qc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.regshift.io.Json;
import org.regshift.metrics.Metrics;
import org.regshift.metrics.Quantiles;
import org.regshift.metrics.Summary;
import org.regshift.seq.Alphabet;
import org.regshift.split.GroupSplitter;

/** The QC document ({@code qc.json}) computed from a QC result. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record QcMetrics(String sample, Table table, String estimator, Filters filters, Map<String, Replicate> replicates,
                 Elements elements, List<Correlation> replicateCorrelation, Quantiles activity,
                 @JsonInclude(JsonInclude.Include.NON_NULL) Sequences sequences, Splits splits,
                 @JsonInclude(JsonInclude.Include.NON_NULL) ControlNormalisation controls) {

    /** The count table read. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Table(String counts, String level, String condition, long rows, boolean groupedByElement,
                 List<ReplicateColumns> replicates) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ReplicateColumns(String name, String dnaColumn, String rnaColumn) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Filters(long minDnaCount, long minRnaCount, long dnaPseudocount, long rnaPseudocount, String outlier,
                   double outlierThreshold, int minBarcodes) {
    }

    /** Barcode filter counts of one replicate. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Replicate(long dnaTotal, long rnaTotal, long barcodes, long unobservedCounts, long barcodesLowDna, long barcodesLowRna,
                     long barcodesOutlier, long barcodesKept, long keptDnaTotal, long keptRnaTotal, long elementsMeasured,
                     Quantiles barcodesPerElement) {
    }

    /** Elements kept, and dropped by reason (every reason listed, in its label's name). */
    record Elements(long total, long kept, Map<String, Long> dropped) {
    }

    record Correlation(String a, String b, int n, Double pearson, Double spearman) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Sequences(int withSequence, long missingSequence, long fastaRecordsWithoutCounts, Quantiles length, Quantiles gc,
                     Quantiles nFraction, long elementsWithDuplicateSequence, Double gcActivityPearson) {
    }

    /** How the elements were split, then the element count of each split. */
    record Splits(String by, long seed, long train, long valid, long calibration, long test) {
    }

    static QcMetrics of(QcResult result, String sample) {
        QcRequest request = result.request();
        CountSummary summary = result.summary();
        Table table = new Table(request.counts().stream().map(Path::toString).collect(Collectors.joining(",")),
                result.layout().barcodeLevel() ? "barcode" : result.layout().replicateFiles() ? "mpraflow_replicates" : "element",
                request.columns().condition(), summary.rows(), summary.grouped(),
                result.layout().replicates().stream()
                        .map(r -> new ReplicateColumns(r.name(), r.dna().name(), r.rna().name())).toList());
        return new QcMetrics(sample, table, ActivityEstimator.DESCRIPTION, filters(request.params()), replicates(result),
                elements(result), correlations(result), Quantiles.of(keptActivities(result)),
                result.hasSequences() ? sequences(result) : null, splits(result), result.controls());
    }

    static double[] keptActivities(QcResult result) {
        return result.activities().stream().filter(ElementActivity::kept).mapToDouble(ElementActivity::activity).toArray();
    }

    static double[] replicateActivities(QcResult result, int replicate) {
        return result.activities().stream().mapToDouble(a -> a.replicates()[replicate]).toArray();
    }

    private static Filters filters(QcParameters p) {
        return new Filters(p.minDnaCount(), p.minRnaCount(), p.dnaPseudocount(), p.rnaPseudocount(),
                p.outlier().name().toLowerCase(Locale.ROOT), p.outlierThreshold(), p.minBarcodes());
    }

    private static Map<String, Replicate> replicates(QcResult result) {
        Map<String, Replicate> out = new LinkedHashMap<>();
        List<ReplicateTally> tallies = result.summary().tallies();
        for (int r = 0; r < tallies.size(); r++) {
            ReplicateTally t = tallies.get(r);
            int rep = r;
            long measured = result.activities().stream().filter(a -> Double.isFinite(a.replicates()[rep])).count();
            double[] perElement = result.summary().elements().stream().mapToDouble(e -> e.kept[rep]).toArray();
            out.put(t.name(), new Replicate(t.dnaTotal, t.rnaTotal, t.barcodes, t.unobserved, t.lowDna, t.lowRna, t.outliers, t.kept,
                    t.keptDnaTotal, t.keptRnaTotal, measured, Quantiles.of(perElement)));
        }
        return out;
    }

    private static Elements elements(QcResult result) {
        Map<String, Long> dropped = new LinkedHashMap<>();
        for (DropReason reason : DropReason.values()) {
            dropped.put(reason.label(), result.activities().stream().filter(a -> a.dropped() == reason).count());
        }
        return new Elements(result.activities().size(), result.activities().stream().filter(ElementActivity::kept).count(),
                dropped);
    }

    private static List<Correlation> correlations(QcResult result) {
        List<Correlation> out = new ArrayList<>();
        List<ReplicateTally> tallies = result.summary().tallies();
        for (int i = 0; i < tallies.size(); i++) {
            for (int j = i + 1; j < tallies.size(); j++) {
                double[] a = replicateActivities(result, i);
                double[] b = replicateActivities(result, j);
                out.add(new Correlation(tallies.get(i).name(), tallies.get(j).name(), Summary.finitePairCount(a, b),
                        Json.number(Metrics.pearson(a, b)), Json.number(Metrics.spearman(a, b))));
            }
        }
        return out;
    }

    private static Sequences sequences(QcResult result) {
        List<String> seqs = result.summary().elements().stream().map(e -> e.sequence).filter(Objects::nonNull).toList();
        Map<String, Integer> copies = new HashMap<>();
        seqs.forEach(s -> copies.merge(s, 1, Integer::sum));
        double[] gc = result.activities().stream()
                .mapToDouble(a -> a.kept() && a.counts().sequence != null ? Alphabet.gcFraction(a.counts().sequence) : Double.NaN)
                .toArray();
        double[] activity = result.activities().stream().mapToDouble(a -> a.kept() ? a.activity() : Double.NaN).toArray();
        return new Sequences(seqs.size(), result.summary().missingSequences(), result.fastaRecordsWithoutCounts(),
                Quantiles.of(seqs.stream().mapToDouble(String::length).toArray()),
                Quantiles.of(seqs.stream().mapToDouble(Alphabet::gcFraction).toArray()),
                Quantiles.of(seqs.stream().mapToDouble(Alphabet::nFraction).toArray()),
                seqs.stream().filter(s -> copies.get(s) > 1).count(), Json.number(Metrics.pearson(gc, activity)));
    }

    private static Splits splits(QcResult result) {
        QcRequest request = result.request();
        String by = request.splitColumn() != null ? "column " + request.splitColumn()
                : request.splitBy() != null ? "groups of " + request.splitBy() : "element";
        long[] n = GroupSplitter.SPLITS.stream().mapToLong(split -> Arrays.stream(result.splits()).filter(split::equals).count())
                .toArray();
        return new Splits(by, request.seed(), n[0], n[1], n[2], n[3]);
    }
}
