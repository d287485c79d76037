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

/**
 * A measured activity table turned into RegShift's: id, sequence, activity (the target column),
 * split (train, valid, calibration or test, from the split column through {@link SplitLists}),
 * then the table's other columns; and, for each shift column (the same sequences measured in
 * another cell type or condition), a truth table of id and y for {@code evaluate --truth}.
 */
public final class PrepareService {
    /** The input table, its column names, the split lists and the shift columns. */
    public record Request(Path data, Path out, String idColumn, String sequenceColumn, String targetColumn,
                          String splitColumn, List<String> splitLists, List<String> shiftColumns) {
    }

    /** Rows written per split, and the shift tables written. */
    public record Result(Map<String, Long> rowsPerSplit, List<String> shiftColumns, Path out) {
    }

    private PrepareService() {
    }

    public static Result run(Request request, Provenance provenance, Progress progress) {
        SplitLists lists = SplitLists.of(request.splitLists());
        if (request.shiftColumns().contains(request.targetColumn())) {
            throw new UsageException("the target column '" + request.targetColumn() + "' is also a shift column");
        }
        provenance.input("data", request.data());
        Map<String, Long> rows = new LinkedHashMap<>();
        SplitLists.SPLITS.forEach(s -> rows.put(s, 0L));
        try (AtomicOutputDir dir = new AtomicOutputDir(request.out());
             TsvReader in = new TsvReader(request.data())) {
            int id = required(in, request.idColumn(), "--id-column");
            int sequence = required(in, request.sequenceColumn(), "--sequence-column");
            int target = required(in, request.targetColumn(), "--target-column");
            int split = required(in, request.splitColumn(), "--split-column");
            List<Integer> shifts = new ArrayList<>();
            for (String column : request.shiftColumns()) {
                shifts.add(required(in, column, "--shift-columns"));
            }
            List<Integer> passed = new ArrayList<>();
            List<String> header = new ArrayList<>(List.of("id", "sequence", "activity", "split"));
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
                    String s = lists.split(in.field(split).trim());
                    if (s == null) {
                        throw in.error("'" + in.field(split) + "' in column '" + request.splitColumn() + "' is "
                                + (lists.given() ? "in no split list (--train-splits, --valid-splits, --calibration-splits, --test-splits)"
                                : "not a split name (train, valid, calibration, test; or give split lists)"));
                    }
                    List<Object> row = new ArrayList<>(List.of(in.field(id), in.field(sequence), in.number(target), s));
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
