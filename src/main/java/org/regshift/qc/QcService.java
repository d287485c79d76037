package org.regshift.qc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.regshift.io.AtomicOutputDir;
import org.regshift.io.InputException;
import org.regshift.io.TsvReader;
import org.regshift.io.UsageException;
import org.regshift.provenance.Provenance;
import org.regshift.seq.FastaReader;
import org.regshift.split.GroupSplitter;

/** Reads an MPRA count table, estimates element activities, and assigns splits. */
public final class QcService {
    private static final String SEQUENCE = "sequence";
    private static final Pattern MPRAFLOW_FILE = Pattern.compile("(.+)_([^_]+)_counts\\.tsv(?:\\.gz)?");

    private QcService() {
    }

    /** What QC wrote: the sample, how many elements got an activity, how many were dropped, and where. */
    public record Summary(String sample, long kept, long dropped, Path activity) {
    }

    /** Runs QC and writes every output into {@code request.out()}, all or nothing (qc.json holds the metrics). */
    public static Summary run(QcRequest request, Provenance provenance, LongConsumer progress) {
        try (AtomicOutputDir out = new AtomicOutputDir(request.out())) {
            QcResult result = analyse(request, progress);
            String sample = sampleName(request);
            QcOutputs.write(result, QcMetrics.of(result, sample), out);
            provenance.put("estimator", ActivityEstimator.DESCRIPTION);
            provenance.write(out.file(AtomicOutputDir.PROVENANCE));
            out.commit();
            long kept = result.activities().stream().filter(ElementActivity::kept).count();
            return new Summary(sample, kept, result.activities().size() - kept, request.out().resolve("activity.tsv"));
        }
    }

    private static String sampleName(QcRequest request) {
        if (request.sample() != null) {
            return request.sample();
        }
        if (request.columns().condition() != null) {
            return request.columns().condition();
        }
        String name = request.table().getFileName().toString();
        Matcher mpraflow = MPRAFLOW_FILE.matcher(name);
        if (mpraflow.matches()) {
            return mpraflow.group(1);
        }
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    static QcResult analyse(QcRequest request, LongConsumer progress) {
        Map<String, String> fasta = request.fasta() == null ? null : FastaReader.readAll(request.fasta(), request.iupacToN());
        CountLayout layout = layout(request, fasta != null);
        CountAggregator.FastaSequences sequences = fasta == null ? null
                : new CountAggregator.FastaSequences(request.fasta(), fasta, request.allowMissing());
        CountSummary summary = new CountAggregator(request.counts(), layout, request.params(), sequences,
                request.iupacToN(), progress).read();
        List<ElementActivity> activities = new ActivityEstimator(request.params(),
                layout.barcodeLevel() || layout.replicateFiles()).estimate(summary);
        ControlNormalisation controls = null;
        if (request.params().controls() != null) {
            ControlNormalisation.Normalised normalised = ControlNormalisation.apply(request.params().controls(), activities,
                    request.table().toString());
            activities = normalised.activities();
            controls = normalised.normalisation();
        }
        String[] splits = splits(request, layout, activities);
        int withoutCounts = fasta == null ? 0 : fasta.size() - (summary.elements().size() - summary.missingSequences());
        return new QcResult(request, layout, summary, activities, splits, withoutCounts, controls);
    }

    private static CountLayout layout(QcRequest request, boolean hasFasta) {
        CountLayoutDetector.Choices c = request.columns();
        if (hasFasta && c.sequenceColumn() != null) {
            throw new UsageException("--fasta and --sequence-column both give sequences: choose one");
        }
        List<String> header;
        try (TsvReader reader = new TsvReader(request.table())) {
            header = reader.header();
        }
        boolean replicateFiles = CountLayoutDetector.isMpraflowReplicate(header);
        if (request.counts().size() > 1 && !replicateFiles) {
            throw new UsageException("several --counts files are read as MPRAflow's per-replicate tables (name, dna_count, "
                    + "rna_count, n_obs_bc), one per replicate; " + request.table() + " is not one");
        }
        String sequenceColumn = c.sequenceColumn() == null && !hasFasta && header.contains(SEQUENCE) ? SEQUENCE
                : c.sequenceColumn();
        List<String> keep = new ArrayList<>(c.keepColumns());
        for (String column : new String[] {request.splitBy(), request.splitColumn()}) {
            if (column != null && !keep.contains(column)) {
                keep.add(column);
            }
        }
        CountLayoutDetector.Choices resolved = new CountLayoutDetector.Choices(c.idColumn(), sequenceColumn,
                c.dnaColumns(), c.rnaColumns(), c.condition(), keep);
        List<String> replicates = CountLayoutDetector.isLong(header) ? replicateNames(request.table())
                : replicateFiles ? replicateFileNames(request.counts()) : List.of();
        return new CountLayoutDetector(request.table(), header).detect(resolved, replicates);
    }

    /** MPRAflow's per-replicate tables are named {@code <condition>_<replicate>_counts.tsv}; others by position. */
    private static List<String> replicateFileNames(List<Path> files) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Matcher m = MPRAFLOW_FILE.matcher(files.get(i).getFileName().toString());
            String name = m.matches() ? m.group(2) : String.valueOf(i + 1);
            if (names.contains(name)) {
                throw new UsageException("two --counts files are replicate '" + name + "' (" + files.get(names.indexOf(name))
                        + ", " + files.get(i) + ")");
            }
            names.add(name);
        }
        return names;
    }

    /** The values of a long table's replicate column, in order of appearance. */
    private static List<String> replicateNames(Path counts) {
        Set<String> names = new LinkedHashSet<>();
        try (TsvReader reader = new TsvReader(counts)) {
            int column = reader.column("replicate");
            while (reader.next()) {
                String name = reader.field(column);
                if (name.isBlank()) {
                    throw reader.error("empty replicate name");
                }
                names.add(name);
            }
        }
        return List.copyOf(names);
    }

    private static String[] splits(QcRequest request, CountLayout layout, List<ElementActivity> activities) {
        List<Integer> keptIndex = new ArrayList<>();
        for (int i = 0; i < activities.size(); i++) {
            if (activities.get(i).kept()) {
                keptIndex.add(i);
            }
        }
        String[] out = new String[activities.size()];
        if (request.splitColumn() != null) {
            int column = passThroughIndex(layout, request.splitColumn());
            for (int i : keptIndex) {
                ElementCounts e = activities.get(i).counts();
                String split = e.passThrough[column];
                if (!GroupSplitter.SPLITS.contains(split)) {
                    throw InputException.atLine(request.table(), e.firstLine, "split '" + split + "' in column '"
                            + request.splitColumn() + "' is not one of " + GroupSplitter.SPLITS);
                }
                out[i] = split;
            }
            return out;
        }
        boolean byId = request.splitBy() == null || request.splitBy().equals(layout.id().name());
        int groupColumn = byId ? -1 : passThroughIndex(layout, request.splitBy());
        List<String> groups = new ArrayList<>(keptIndex.size());
        for (int i : keptIndex) {
            ElementCounts e = activities.get(i).counts();
            String group = groupColumn < 0 ? e.id : e.passThrough[groupColumn];
            if (group.isBlank()) {
                throw InputException.atLine(request.table(), e.firstLine, "empty value in split-by column '"
                        + request.splitBy() + "'");
            }
            groups.add(group);
        }
        String[] assigned = new GroupSplitter(request.splitFractions(), request.seed()).assign(groups);
        for (int k = 0; k < keptIndex.size(); k++) {
            out[keptIndex.get(k)] = assigned[k];
        }
        return out;
    }

    private static int passThroughIndex(CountLayout layout, String name) {
        for (int i = 0; i < layout.passThrough().size(); i++) {
            if (layout.passThrough().get(i).name().equals(name)) {
                return i;
            }
        }
        throw new UsageException("column '" + name + "' holds IDs, barcodes or sequences and cannot define splits");
    }
}
