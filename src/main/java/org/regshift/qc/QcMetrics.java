package org.regshift.qc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.regshift.io.Json;
import org.regshift.metrics.Metrics;
import org.regshift.metrics.Summary;
import org.regshift.seq.Alphabet;
import org.regshift.split.GroupSplitter;

/** The QC document ({@code qc.json}) computed from a QC result. */
final class QcMetrics {
    private QcMetrics() {
    }

    static Map<String, Object> of(QcResult result, String sample) {
        QcRequest request = result.request();
        CountSummary summary = result.summary();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("sample", sample);
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("counts", request.counts().toString());
        table.put("level", result.layout().barcodeLevel() ? "barcode" : "element");
        table.put("condition", request.columns().condition());
        table.put("rows", summary.rows());
        table.put("grouped_by_element", summary.grouped());
        table.put("replicates", result.layout().replicates().stream()
                .map(r -> Json.object("name", r.name(), "dna_column", r.dna().name(), "rna_column", r.rna().name())).toList());
        doc.put("table", table);
        doc.put("estimator", ActivityEstimator.DESCRIPTION);
        doc.put("filters", filters(request.params()));
        doc.put("replicates", replicates(result));
        doc.put("elements", elements(result));
        doc.put("replicate_correlation", correlations(result));
        doc.put("activity", Summary.quantiles(keptActivities(result)));
        if (result.hasSequences()) {
            doc.put("sequences", sequences(result));
        }
        doc.put("splits", splits(result));
        return doc;
    }

    static double[] keptActivities(QcResult result) {
        return result.activities().stream().filter(ElementActivity::kept).mapToDouble(ElementActivity::activity).toArray();
    }

    static double[] replicateActivities(QcResult result, int replicate) {
        return result.activities().stream().mapToDouble(a -> a.replicates()[replicate]).toArray();
    }

    private static Map<String, Object> filters(QcParameters p) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("min_dna_count", p.minDnaCount());
        f.put("min_rna_count", p.minRnaCount());
        f.put("dna_pseudocount", p.dnaPseudocount());
        f.put("rna_pseudocount", p.rnaPseudocount());
        f.put("outlier", p.outlier().name().toLowerCase(java.util.Locale.ROOT));
        f.put("outlier_threshold", p.outlierThreshold());
        f.put("min_barcodes", p.minBarcodes());
        return f;
    }

    private static Map<String, Object> replicates(QcResult result) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<ReplicateTally> tallies = result.summary().tallies();
        for (int r = 0; r < tallies.size(); r++) {
            ReplicateTally t = tallies.get(r);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dna_total", t.dnaTotal);
            m.put("rna_total", t.rnaTotal);
            m.put("barcodes", t.barcodes);
            m.put("barcodes_low_dna", t.lowDna);
            m.put("barcodes_low_rna", t.lowRna);
            m.put("barcodes_outlier", t.outliers);
            m.put("barcodes_kept", t.kept);
            m.put("kept_dna_total", t.keptDnaTotal);
            m.put("kept_rna_total", t.keptRnaTotal);
            int rep = r;
            m.put("elements_measured", result.activities().stream().filter(a -> Double.isFinite(a.replicates()[rep])).count());
            double[] perElement = result.summary().elements().stream().mapToDouble(e -> e.kept[rep]).toArray();
            m.put("barcodes_per_element", Summary.quantiles(perElement));
            out.put(t.name(), m);
        }
        return out;
    }

    private static Map<String, Object> elements(QcResult result) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", result.activities().size());
        m.put("kept", result.activities().stream().filter(ElementActivity::kept).count());
        Map<String, Object> dropped = new LinkedHashMap<>();
        for (DropReason reason : DropReason.values()) {
            dropped.put(reason.label(), result.activities().stream().filter(a -> a.dropped() == reason).count());
        }
        m.put("dropped", dropped);
        return m;
    }

    private static List<Map<String, Object>> correlations(QcResult result) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<ReplicateTally> tallies = result.summary().tallies();
        for (int i = 0; i < tallies.size(); i++) {
            for (int j = i + 1; j < tallies.size(); j++) {
                double[] a = replicateActivities(result, i);
                double[] b = replicateActivities(result, j);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("a", tallies.get(i).name());
                m.put("b", tallies.get(j).name());
                m.put("n", Summary.finitePairCount(a, b));
                m.put("pearson", Json.number(Metrics.pearson(a, b)));
                m.put("spearman", Json.number(Metrics.spearman(a, b)));
                out.add(m);
            }
        }
        return out;
    }

    private static Map<String, Object> sequences(QcResult result) {
        List<String> seqs = result.summary().elements().stream().map(e -> e.sequence).filter(s -> s != null).toList();
        Map<String, Integer> copies = new HashMap<>();
        seqs.forEach(s -> copies.merge(s, 1, Integer::sum));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("with_sequence", seqs.size());
        m.put("missing_sequence", result.summary().missingSequences());
        m.put("fasta_records_without_counts", result.fastaRecordsWithoutCounts());
        m.put("length", Summary.quantiles(seqs.stream().mapToDouble(String::length).toArray()));
        m.put("gc", Summary.quantiles(seqs.stream().mapToDouble(Alphabet::gcFraction).toArray()));
        m.put("n_fraction", Summary.quantiles(seqs.stream().mapToDouble(Alphabet::nFraction).toArray()));
        m.put("elements_with_duplicate_sequence", seqs.stream().filter(s -> copies.get(s) > 1).count());
        double[] gc = result.activities().stream()
                .mapToDouble(a -> a.kept() && a.counts().sequence != null ? Alphabet.gcFraction(a.counts().sequence) : Double.NaN)
                .toArray();
        double[] activity = result.activities().stream().mapToDouble(a -> a.kept() ? a.activity() : Double.NaN).toArray();
        m.put("gc_activity_pearson", Json.number(Metrics.pearson(gc, activity)));
        return m;
    }

    private static Map<String, Object> splits(QcResult result) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("by", result.request().splitColumn() != null ? "column " + result.request().splitColumn()
                : result.request().splitBy() != null ? "groups of " + result.request().splitBy() : "element");
        m.put("seed", result.request().seed());
        for (String split : GroupSplitter.SPLITS) {
            long n = 0;
            for (String s : result.splits()) {
                if (split.equals(s)) {
                    n++;
                }
            }
            m.put(split, n);
        }
        return m;
    }
}
