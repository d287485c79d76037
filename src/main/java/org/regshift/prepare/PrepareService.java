package org.regshift.prepare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.regshift.cli.Progress;
import org.regshift.io.AtomicOutputDir;
import org.regshift.io.InputException;
import org.regshift.io.TsvReader;
import org.regshift.io.TsvWriter;
import org.regshift.io.UsageException;
import org.regshift.provenance.Provenance;
import org.regshift.seq.Alphabet;
import org.regshift.seq.SequenceTable;

/**
 * A measured activity table turned into RegShift's: id, sequence, activity (the target column),
 * gc (the sequence's GC fraction, unless the table has a gc column, as qc writes it), split (train, valid, calibration or test, from the split column through {@link SplitLists}; no
 * split column when the table has none and no lists are given),
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
        SplitLists.SPLITS.forEach(s -> rows.put(s, 0L));
        try (AtomicOutputDir dir = new AtomicOutputDir(request.out());
             TsvReader in = new TsvReader(request.data())) {
            int id = required(in, names.id(), "--id-column");
            int sequence = required(in, names.sequence(), "--sequence-column");
            int target = required(in, names.target(), "--target-column");
            int split = lists.given() || in.column(names.split()) >= 0 ? required(in, names.split(), "--split-column") : -1;
            List<Integer> shifts = new ArrayList<>();
            for (String column : request.shiftColumns()) {
                shifts.add(required(in, column, "--shift-columns"));
            }
            List<Integer> passed = new ArrayList<>();
            boolean gc = in.column("gc") < 0;
            List<String> header = new ArrayList<>(List.of("id", "sequence", "activity"));
            if (gc) {
                header.add("gc");
            }
            if (split >= 0) {
                header.add("split");
            }
            for (int c = 0; c < in.header().size(); c++) {
                if (c != id && c != sequence && c != target && c != split) {
                    passed.add(c);
                    header.add(in.header().get(c));
                }
            }
            List<TsvWriter> truths = new ArrayList<>();
            try (TsvWriter out = new TsvWriter(dir.file("activity.tsv"), header)) {
                for (String column : request.shiftColumns()) {
                    truths.add(new TsvWriter(dir.file(truthFile(column)), List.of("id", "y")));
                }
                while (in.next()) {
                    String s = split < 0 ? "unsplit" : lists.split(in.field(split).trim());
                    if (s == null) {
                        throw in.error("'" + in.field(split) + "' in column '" + names.split() + "' is "
                                + (lists.given() ? "in no split list (--train-splits, --valid-splits, --calibration-splits, --test-splits)"
                                : "not a split name (train, valid, calibration, test; or give split lists)"));
                    }
                    List<Object> row = new ArrayList<>(List.of(in.field(id), in.field(sequence), in.number(target)));
                    if (gc) {
                        row.add(Alphabet.gcFraction(in.field(sequence).toUpperCase(java.util.Locale.ROOT)));
                    }
                    if (split >= 0) {
                        row.add(s);
                    }
                    for (int c : passed) {
                        row.add(in.field(c));
                    }
                    out.row(row);
                    for (int k = 0; k < shifts.size(); k++) {
                        truths.get(k).row(List.of(in.field(id), in.number(shifts.get(k))));
                    }
                    rows.merge(s, 1L, Long::sum);
                    progress.accept(in.lineNumber() - 1);
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

    private static int required(TsvReader in, String column, String option) {
        int c = in.column(column);
        if (c < 0) {
            throw InputException.atLine(in.file(), 1, "no column '" + column + "' (" + option + "); the header has "
                    + String.join(", ", in.header()));
        }
        return c;
    }
}
