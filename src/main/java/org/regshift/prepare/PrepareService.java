package org.regshift.prepare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.regshift.cli.Progress;
import org.regshift.io.AtomicOutputDir;
import org.regshift.io.InputException;
import org.regshift.io.TsvWriter;
import org.regshift.io.UsageException;
import org.regshift.provenance.Provenance;
import org.regshift.seq.Alphabet;
import org.regshift.seq.SequenceTable;
import org.regshift.split.GroupSplitter;

/**
 * A measured activity table (read as a {@link SequenceTable}: sequences checked) turned into
 * RegShift's: id, sequence, activity (the target column), gc (the sequence's GC fraction, unless
 * the table has a gc column, as qc writes it), split (train, valid, calibration or test, from the
 * split column through {@link SplitLists}; no split column when the table has none and no lists
 * are given),
 * then the table's other columns; and, for each shift column (the same sequences measured in
 * another cell type or condition), a truth table of id and y for {@code evaluate --truth}.
 */
public final class PrepareService {
    /** The input table, its column names, the split lists and the shift columns. */
    public record Request(Path data, Path out, SequenceTable.Columns columns, List<String> splitLists, List<String> shiftColumns) {
    }

    /** Rows written per split, and the shift tables written. */
    public record Result(Map<String, Long> rowsPerSplit, List<String> shiftColumns, Path out) {
    }

    private PrepareService() {
    }

    public static Result run(Request request, Provenance provenance, Progress progress) {
        SplitLists lists = SplitLists.of(request.splitLists());
        SequenceTable.Columns names = request.columns();
        if (request.shiftColumns().contains(names.target())) {
            throw new UsageException("the target column '" + names.target() + "' is also a shift column");
        }
        provenance.input("data", request.data());
        Map<String, Long> rows = new LinkedHashMap<>();
        GroupSplitter.SPLITS.forEach(s -> rows.put(s, 0L));
        try (AtomicOutputDir dir = new AtomicOutputDir(request.out());
             SequenceTable in = new SequenceTable(request.data(), names, true)) {
            if (lists.given() && !in.hasSplit()) {
                throw InputException.atLine(request.data(), 1, "no split column '" + names.split() + "' (name it with "
                        + "--split-column; the split lists sort its values)");
            }
            List<String> passed = in.passThroughColumns();
            List<Integer> shifts = new ArrayList<>();
            for (String column : request.shiftColumns()) {
                if (!passed.contains(column)) {
                    throw InputException.atLine(request.data(), 1, "no shift column '" + column + "' (--shift-columns; "
                            + "other columns: " + String.join(", ", passed) + ")");
                }
                shifts.add(passed.indexOf(column));
            }
            boolean gc = !passed.contains("gc");
            List<String> header = new ArrayList<>(List.of("id", "sequence", "activity"));
            if (gc) {
                header.add("gc");
            }
            if (in.hasSplit()) {
                header.add("split");
            }
            header.addAll(passed);
            List<TsvWriter> truths = new ArrayList<>();
            try (TsvWriter out = new TsvWriter(dir.file("activity.tsv"), header)) {
                for (String column : request.shiftColumns()) {
                    truths.add(new TsvWriter(dir.file(truthFile(column)), List.of("id", "y")));
                }
                for (SequenceTable.Row row; (row = in.next()) != null; ) {
                    String s = in.hasSplit() ? lists.split(row.split().trim()) : "unsplit";
                    if (s == null) {
                        throw InputException.atLine(request.data(), row.line(), "'" + row.split() + "' in column '" + names.split()
                                + "' is " + (lists.given() ? "in no split list (--train-splits, --valid-splits, "
                                + "--calibration-splits, --test-splits)" : "not a split name (train, valid, calibration, test; "
                                + "or give split lists)"));
                    }
                    List<Object> values = new ArrayList<>(List.of(row.id(), row.sequence(), row.target()));
                    if (gc) {
                        values.add(Alphabet.gcFraction(row.sequence()));
                    }
                    if (in.hasSplit()) {
                        values.add(s);
                    }
                    values.addAll(row.passThrough());
                    out.row(values);
                    for (int k = 0; k < shifts.size(); k++) {
                        truths.get(k).row(List.of(row.id(), in.passThroughNumber(shifts.get(k))));
                    }
                    rows.merge(s, 1L, Long::sum);
                    progress.accept(row.line() - 1);
                }
            } finally {
                truths.forEach(TsvWriter::close);
            }
            if (rows.values().stream().mapToLong(Long::longValue).sum() == 0) {
                throw InputException.inFile(request.data(), "has no data rows");
            }
            provenance.write(dir.file(AtomicOutputDir.PROVENANCE));
            dir.commit();
        }
        return new Result(rows, request.shiftColumns(), request.out());
    }

    /** The truth table of a shift column, for evaluate --truth. */
    public static String truthFile(String shiftColumn) {
        return "shift_" + shiftColumn.replaceAll("[^A-Za-z0-9._-]", "_") + ".tsv";
    }
}
