package org.regshift.qc;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.regshift.io.InputException;
import org.regshift.io.TsvReader;
import org.regshift.seq.Alphabet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a count table into per-element filtered counts. A barcode-level table whose rows are
 * grouped by element (as MPRA pipelines write them) is read holding one element's barcodes at a
 * time, so memory grows with the number of elements, not barcodes; an ungrouped one is read again
 * holding every element's barcodes until the end.
 */
final class CountAggregator {
    private static final Logger LOG = LoggerFactory.getLogger(CountAggregator.class);
    private static final int PROGRESS_EVERY = 1 << 16;

    /** Sequences from a FASTA file; with allowMissing an element without one is kept and counted. */
    record FastaSequences(Path file, Map<String, String> byId, boolean allowMissing) {
    }

    /** MPRAflow's name for the barcodes that belong to no design element. */
    private static final String MPRAFLOW_UNASSIGNED = "no_BC";

    private final List<Path> files;
    private final Path file;
    private final CountLayout layout;
    private final BarcodeFilter filter;
    private final FastaSequences fasta;
    private final boolean iupacToN;
    private final LongConsumer progress;

    private List<ElementCounts> elements;
    private Map<String, ElementCounts> byId;
    private ReplicateTally[] tallies;
    private int missing;
    private long rows;

    /** {@code files}: the count table, or MPRAflow's per-replicate tables in replicate order. */
    CountAggregator(List<Path> files, CountLayout layout, QcParameters params, FastaSequences fasta, boolean iupacToN,
                    LongConsumer progress) {
        this.files = files;
        this.file = files.get(0);
        this.layout = layout;
        this.filter = new BarcodeFilter(params);
        this.fasta = fasta;
        this.iupacToN = iupacToN;
        this.progress = progress;
    }

    CountSummary read() {
        try {
            return read(true);
        } catch (NotGroupedException e) {
            LOG.warn("{} line {}: the rows of element '{}' are not together; reading again with every barcode in memory "
                    + "(sort the table by its ID column to stream it)", file, e.line, e.id);
            return read(false);
        }
    }

    private CountSummary read(boolean grouped) {
        elements = new ArrayList<>();
        byId = new HashMap<>();
        tallies = layout.replicates().stream().map(r -> new ReplicateTally(r.name())).toArray(ReplicateTally[]::new);
        missing = 0;
        rows = 0;
        if (layout.replicateFiles()) {
            readReplicateFiles();
            return new CountSummary(elements, List.of(tallies), rows, missing, grouped);
        }
        try (TsvReader reader = new TsvReader(file)) {
            if (layout.longTable()) {
                readLongRows(reader);
            } else {
                readRows(reader, grouped);
            }
            if (rows == 0) {
                throw reader.error("the table has a header but no data rows");
            }
        }
        return new CountSummary(elements, List.of(tallies), rows, missing, grouped);
    }

    private void readRows(TsvReader reader, boolean grouped) {
        int idColumn = layout.id().index();
        Map<String, BarcodeBlock> blocks = new LinkedHashMap<>();
        BarcodeBlock reused = new BarcodeBlock(tallies.length);
        ElementCounts current = null;
        BarcodeBlock block = null;
        byte[] currentId = null;
        while (reader.next()) {
            boolean sameElement = current != null && reader.fieldEquals(idColumn, currentId);
            if (sameElement && !layout.barcodeLevel()) {
                throw duplicate(reader, current);
            }
            if (!sameElement) {
                String id = reader.field(idColumn);
                ElementCounts known = byId.get(id);
                if (known == null) {
                    if (grouped && current != null) {
                        block.filterInto(current, filter, tallies, file);
                    }
                    current = start(reader, id);
                    if (grouped) {
                        block = reused;
                        block.clear();
                    } else {
                        block = new BarcodeBlock(tallies.length);
                        blocks.put(id, block);
                    }
                } else if (!layout.barcodeLevel()) {
                    throw duplicate(reader, known);
                } else if (grouped) {
                    throw new NotGroupedException(reader.lineNumber(), id);
                } else {
                    current = known;
                    block = blocks.get(id);
                }
                currentId = reader.fieldBytes(idColumn);
            }
            block.add(reader, layout, tallies);
            if (++rows % PROGRESS_EVERY == 0) {
                progress.accept(rows);
            }
        }
        if (grouped && current != null) {
            block.filterInto(current, filter, tallies, file);
        }
        for (Map.Entry<String, BarcodeBlock> e : blocks.entrySet()) {
            e.getValue().filterInto(byId.get(e.getKey()), filter, tallies, file);
        }
        progress.accept(rows);
    }

    /** One element of a long table while it is read: its counts and the line of each replicate's row (0: none yet). */
    private record LongElement(ElementCounts element, long[] dna, long[] rna, long[] lines) {
    }

    /**
     * A long table: one row per element and replicate, in any order; every element needs exactly one
     * row per replicate; its barcodes are the fewest any replicate reports.
     */
    private void readLongRows(TsvReader reader) {
        int idColumn = layout.id().index();
        int replicateColumn = layout.replicate().index();
        List<String> names = layout.replicates().stream().map(CountLayout.Replicate::name).toList();
        int dnaColumn = layout.replicates().get(0).dna().index();
        int rnaColumn = layout.replicates().get(0).rna().index();
        Map<String, LongElement> read = new LinkedHashMap<>();
        while (reader.next()) {
            String id = reader.field(idColumn);
            LongElement e = read.get(id);
            if (e == null) {
                int n = names.size();
                e = new LongElement(start(reader, id), new long[n], new long[n], new long[n]);
                read.put(id, e);
            } else if (layout.barcodesPerElement() != null) {
                e.element().reportedBarcodes = Math.min(e.element().reportedBarcodes,
                        reader.count(layout.barcodesPerElement().index()));
            }
            int r = names.indexOf(reader.field(replicateColumn));
            if (e.lines()[r] != 0) {
                throw reader.error("a second row for element '" + id + "' in replicate '" + names.get(r) + "' (the first at line "
                        + e.lines()[r] + "); a long table has one row per element and replicate");
            }
            e.dna()[r] = reader.count(dnaColumn);
            e.rna()[r] = reader.count(rnaColumn);
            e.lines()[r] = reader.lineNumber();
            if (++rows % PROGRESS_EVERY == 0) {
                progress.accept(rows);
            }
        }
        BarcodeBlock block = new BarcodeBlock(names.size());
        for (LongElement e : read.values()) {
            for (int r = 0; r < names.size(); r++) {
                if (e.lines()[r] == 0) {
                    throw InputException.atLine(file, e.element().firstLine, "element '" + e.element().id
                            + "' has no row for replicate '" + names.get(r) + "'; a long table has one row per element and replicate");
                }
            }
            block.clear();
            block.add(e.dna(), e.rna());
            block.filterInto(e.element(), filter, tallies, file);
        }
        progress.accept(rows);
    }

    /**
     * MPRAflow's per-replicate tables: its dna_count and rna_count are normalised (CPM of the
     * per-barcode mean, +1 pseudocount), so a replicate keeps rna_count / dna_count (the
     * estimator's activity is its log2, MPRAflow's own) and n_obs_bc as its barcodes; an element
     * absent from a replicate's file has no barcodes there.
     */
    private void readReplicateFiles() {
        for (int r = 0; r < files.size(); r++) {
            Map<String, Long> lines = new HashMap<>();
            try (TsvReader reader = new TsvReader(files.get(r))) {
                int idColumn = column(reader, layout.id().name());
                int dnaColumn = column(reader, layout.replicates().get(r).dna().name());
                int rnaColumn = column(reader, layout.replicates().get(r).rna().name());
                int barcodeColumn = column(reader, CountLayoutDetector.MPRAFLOW_BARCODES);
                while (reader.next()) {
                    String id = reader.field(idColumn);
                    if (id.equals(MPRAFLOW_UNASSIGNED)) {
                        continue;
                    }
                    Long first = lines.putIfAbsent(id, reader.lineNumber());
                    if (first != null) {
                        throw reader.error("duplicate ID '" + id + "' (first at line " + first + "); a per-replicate table "
                                + "has one row per element");
                    }
                    ElementCounts e = byId.get(id);
                    if (e == null) {
                        e = start(reader, id);
                        e.normalisedRatio = new double[files.size()];
                        Arrays.fill(e.normalisedRatio, Double.NaN);
                    }
                    e.normalisedRatio[r] = positive(reader, rnaColumn) / positive(reader, dnaColumn);
                    e.kept[r] = barcodes(reader, barcodeColumn);
                    tallies[r].barcodes += e.kept[r];
                    tallies[r].kept += e.kept[r];
                    if (++rows % PROGRESS_EVERY == 0) {
                        progress.accept(rows);
                    }
                }
                if (lines.isEmpty()) {
                    throw reader.error("the table has no element rows");
                }
            }
        }
        progress.accept(rows);
    }

    private static int column(TsvReader reader, String name) {
        int index = reader.column(name);
        if (index < 0) {
            throw InputException.atLine(reader.file(), 1, "no column '" + name + "' (columns: "
                    + String.join(", ", reader.header()) + "); each replicate's table has MPRAflow's columns");
        }
        return index;
    }

    private static double positive(TsvReader reader, int column) {
        double value = reader.number(column);
        if (!(value > 0)) {
            throw reader.error(value + " in column '" + reader.header().get(column) + "' is not a positive normalised count");
        }
        return value;
    }

    /** n_obs_bc: pandas writes it as a float (12.0); it must be a whole number. */
    private static int barcodes(TsvReader reader, int column) {
        double value = reader.number(column);
        if (value < 0 || value != Math.rint(value) || value > Integer.MAX_VALUE) {
            throw reader.error("'" + reader.field(column) + "' in column '" + reader.header().get(column)
                    + "' is not a number of barcodes");
        }
        return (int) value;
    }

    private static RuntimeException duplicate(TsvReader reader, ElementCounts first) {
        return reader.error("duplicate ID '" + first.id + "' (first at line " + first.firstLine
                + "); an element-level table has one row per element");
    }

    private ElementCounts start(TsvReader reader, String id) {
        if (id.isBlank()) {
            throw reader.error("empty ID in column '" + layout.id().name() + "'");
        }
        String[] passThrough = new String[layout.passThrough().size()];
        for (int i = 0; i < passThrough.length; i++) {
            passThrough[i] = reader.field(layout.passThrough().get(i).index());
        }
        ElementCounts element = new ElementCounts(id, reader.lineNumber(), passThrough, tallies.length);
        if (layout.hasSequence()) {
            element.sequence = inlineSequence(reader);
        } else if (fasta != null) {
            element.sequence = fasta.byId().get(id);
            if (element.sequence == null) {
                if (!fasta.allowMissing()) {
                    throw reader.error("ID '" + id + "' is not in " + fasta.file() + " (use --allow-missing to drop such elements)");
                }
                element.missingSequence = true;
                missing++;
            }
        }
        if (layout.barcodesPerElement() != null) {
            element.reportedBarcodes = reader.count(layout.barcodesPerElement().index());
        }
        elements.add(element);
        byId.put(id, element);
        return element;
    }

    private String inlineSequence(TsvReader reader) {
        int column = layout.sequence().index();
        byte[] bases = reader.fieldBytes(column);
        if (bases.length == 0) {
            throw reader.error("empty sequence in column '" + layout.sequence().name() + "'");
        }
        int bad = Alphabet.normalise(bases, iupacToN);
        if (bad >= 0) {
            throw reader.error("sequence in column '" + layout.sequence().name() + "': " + Alphabet.describeInvalid(bases, bad));
        }
        return new String(bases, StandardCharsets.US_ASCII);
    }

    /** The rows of one barcode-level element are spread over the table. */
    private static final class NotGroupedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final long line;
        final String id;

        NotGroupedException(long line, String id) {
            super(null, null, false, false);
            this.line = line;
            this.id = id;
        }
    }
}
