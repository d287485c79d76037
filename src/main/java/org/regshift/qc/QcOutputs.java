package org.regshift.qc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import org.regshift.io.AtomicOutputDir;
import org.regshift.io.Json;
import org.regshift.io.Numbers;
import org.regshift.io.TsvWriter;
import org.regshift.plot.Plots;
import org.regshift.seq.Alphabet;

/** Writes what {@code qc} produces into a staged output directory. */
final class QcOutputs {
    static final String ACTIVITY = "activity.tsv";
    static final String DROPPED = "dropped.tsv";
    static final String QC_JSON = "qc.json";
    static final String QC_TSV = "qc.tsv";
    static final String MQC_TABLE = "regshift_qc_replicates_mqc.tsv";
    static final String MQC_ELEMENTS = "regshift_qc_elements_mqc.json";
    private static final int BINS = 50;

    private QcOutputs() {
    }

    static void write(QcResult result, QcMetrics metrics, AtomicOutputDir out) {
        writeActivity(result, out.file(ACTIVITY));
        writeDropped(result, out.file(DROPPED));
        Json.write(out.file(QC_JSON), metrics);
        writeFlat(Json.mapper().valueToTree(metrics), out.file(QC_TSV));
        writeMultiQc(metrics, out);
        writePlots(result, out.staging());
    }

    private static void writeActivity(QcResult result, Path file) {
        boolean sequences = result.hasSequences();
        List<String> header = new ArrayList<>(List.of("id"));
        if (sequences) {
            header.add("sequence");
        }
        header.addAll(List.of("activity", "activity_se", "n_barcodes", "dna_total", "rna_total"));
        if (sequences) {
            header.add("gc");
        }
        header.add("split");
        List<CountLayout.Replicate> reps = result.layout().replicates();
        reps.forEach(r -> header.add("activity_" + r.name()));
        List<Integer> passThrough = new ArrayList<>();
        List<CountLayout.Column> columns = result.layout().passThrough();
        for (int i = 0; i < columns.size(); i++) {
            if (!header.contains(columns.get(i).name())) {
                passThrough.add(i);
                header.add(columns.get(i).name());
            }
        }
        try (TsvWriter w = new TsvWriter(file, header)) {
            for (int i = 0; i < result.activities().size(); i++) {
                ElementActivity a = result.activities().get(i);
                if (!a.kept()) {
                    continue;
                }
                ElementCounts e = a.counts();
                List<Object> row = new ArrayList<>(header.size());
                row.add(e.id);
                if (sequences) {
                    row.add(e.sequence);
                }
                row.add(a.activity());
                row.add(a.se());
                row.add(a.barcodes());
                row.add(e.normalisedRatio == null ? sum(e.dnaSum) : Numbers.MISSING);
                row.add(e.normalisedRatio == null ? sum(e.rnaSum) : Numbers.MISSING);
                if (sequences) {
                    row.add(Alphabet.gcFraction(e.sequence));
                }
                row.add(result.splits()[i]);
                for (double v : a.replicates()) {
                    row.add(v);
                }
                for (int p : passThrough) {
                    row.add(e.passThrough[p]);
                }
                w.row(row);
            }
        }
    }

    private static void writeDropped(QcResult result, Path file) {
        try (TsvWriter w = new TsvWriter(file, List.of("id", "reason"))) {
            for (ElementActivity a : result.activities()) {
                if (!a.kept()) {
                    w.row(List.of(a.counts().id, a.dropped().label()));
                }
            }
        }
    }

    /** qc.json flattened to metric/value rows, nested keys joined by dots. */
    private static void writeFlat(JsonNode node, Path file) {
        try (TsvWriter w = new TsvWriter(file, List.of("metric", "value"))) {
            flatten("", node, w);
        }
    }

    private static void flatten(String prefix, JsonNode node, TsvWriter w) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), w);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(prefix + "." + i, node.get(i), w);
            }
        } else {
            w.row(List.of(prefix, node.isNull() ? "NA" : node.asText()));
        }
    }

    private static void writeMultiQc(QcMetrics metrics, AtomicOutputDir out) {
        List<String> lines = new ArrayList<>(List.of("# id: 'regshift_qc_replicates'",
                "# section_name: 'RegShift QC: barcodes per replicate'",
                "# description: 'Barcode filters of regshift qc, per replicate'",
                "# plot_type: 'table'", String.join("\t", "Sample", "dna_total", "rna_total", "barcodes", "barcodes_kept",
                        "barcodes_low_dna", "barcodes_low_rna", "barcodes_outlier", "elements_measured")));
        metrics.replicates().forEach((name, r) -> lines.add(String.join("\t", metrics.sample() + "_" + name,
                Stream.of(r.dnaTotal(), r.rnaTotal(), r.barcodes(), r.barcodesKept(), r.barcodesLowDna(), r.barcodesLowRna(),
                        r.barcodesOutlier(), r.elementsMeasured()).map(String::valueOf).collect(Collectors.joining("\t")))));
        try {
            Files.write(out.file(MQC_TABLE), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("kept", metrics.elements().kept());
        counts.putAll(metrics.elements().dropped());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", "regshift_qc_elements");
        doc.put("section_name", "RegShift QC: elements kept and dropped");
        doc.put("description", "Elements of the count table that received an activity, and why the others did not");
        doc.put("plot_type", "bargraph");
        doc.put("pconfig", Json.object("id", "regshift_qc_elements_plot", "title", "RegShift QC: elements", "ylab", "elements"));
        doc.put("data", Json.object(metrics.sample(), counts));
        Json.write(out.file(MQC_ELEMENTS), doc);
    }

    private static void writePlots(QcResult result, Path dir) {
        List<CountLayout.Replicate> reps = result.layout().replicates();
        if (reps.size() >= 2) {
            Plots.scatter(dir, "replicate_scatter", "Replicate activity: " + reps.get(0).name() + " vs " + reps.get(1).name(),
                    "log2 activity, " + reps.get(0).name(), "log2 activity, " + reps.get(1).name(),
                    QcMetrics.replicateActivities(result, 0), QcMetrics.replicateActivities(result, 1));
        }
        double[] activity = QcMetrics.keptActivities(result);
        Plots.histogram(dir, "activity_histogram", "Element activity", "log2 activity (mean over replicates)", activity, BINS);
        if (result.hasSequences()) {
            double[] gc = result.activities().stream().filter(ElementActivity::kept)
                    .mapToDouble(a -> Alphabet.gcFraction(a.counts().sequence)).toArray();
            Plots.scatter(dir, "gc_vs_activity", "GC content vs activity", "GC fraction", "log2 activity", gc, activity);
        }
        if (result.layout().barcodeLevel() || result.layout().replicateFiles()) {
            double[] barcodes = result.activities().stream().mapToDouble(ElementActivity::barcodes).toArray();
            Plots.histogram(dir, "barcodes_per_element", "Barcodes per element (fewest over replicates)",
                    "barcodes passing filters", barcodes, BINS);
        }
    }

    private static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s += v;
        }
        return s;
    }
}
