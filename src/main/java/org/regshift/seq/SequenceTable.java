package org.regshift.seq;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.regshift.io.InputException;
import org.regshift.io.Numbers;
import org.regshift.io.TsvReader;

/**
 * Streams the rows of a table of sequences (an activity table, or any user table of id, sequence,
 * value): the ID, the sequence (checked against ACGTN), the target when a target column is named
 * and present, the split when a split column is, and every other column as pass-through.
 */
public final class SequenceTable implements SequenceSource {
    /** Which columns hold what; a null target or split column means "none". */
    public record Columns(String id, String sequence, String target, String split) {
    }

    /** One row of the table. */
    public record Row(String id, String sequence, double target, String split, List<String> passThrough, long line) {
    }

    private final TsvReader reader;
    private final int id;
    private final int sequence;
    private final int target;
    private final int split;
    private final boolean targetRequired;
    private final List<Integer> passThrough = new ArrayList<>();

    /**
     * @param targetRequired the target column must exist and hold a number in every row (training);
     *                       otherwise it may be absent, and NA or empty values read as missing
     */
    public SequenceTable(Path file, Columns columns, boolean targetRequired) {
        reader = new TsvReader(file);
        this.targetRequired = targetRequired;
        try {
            id = required(columns.id(), "ID", "--id-column");
            sequence = required(columns.sequence(), "sequence", "--sequence-column");
            target = columns.target() == null ? -1
                    : targetRequired ? required(columns.target(), "target", "--target-column") : reader.column(columns.target());
            split = columns.split() == null ? -1 : reader.column(columns.split());
            for (int i = 0; i < reader.header().size(); i++) {
                if (i != id && i != sequence && i != target && i != split) {
                    passThrough.add(i);
                }
            }
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    @Override
    public boolean hasTarget() {
        return target >= 0;
    }

    public boolean hasSplit() {
        return split >= 0;
    }

    @Override
    public List<String> passThroughColumns() {
        return passThrough.stream().map(i -> reader.header().get(i)).toList();
    }

    @Override
    public Row next() {
        if (!reader.next()) {
            return null;
        }
        String rowId = reader.field(id);
        if (rowId.isBlank()) {
            throw reader.error("empty ID in column '" + reader.header().get(id) + "'");
        }
        if (reader.fieldLength(sequence) > Alphabet.MAX_SEQUENCE_LENGTH) {
            throw reader.error(Alphabet.tooLong());
        }
        byte[] bases = reader.fieldBytes(sequence);
        if (bases.length == 0) {
            throw reader.error("empty sequence in column '" + reader.header().get(sequence) + "'");
        }
        int bad = Alphabet.normalise(bases, false);
        if (bad >= 0) {
            throw reader.error("sequence of '" + rowId + "': " + Alphabet.describeInvalid(bases, bad));
        }
        double value = target < 0 || (!targetRequired && isMissing(reader.field(target))) ? Double.NaN : reader.number(target);
        String rowSplit = split < 0 ? null : reader.field(split);
        List<String> extra = new ArrayList<>(passThrough.size());
        for (int i : passThrough) {
            extra.add(reader.field(i));
        }
        return new Row(rowId, new String(bases, StandardCharsets.US_ASCII), value, rowSplit, extra, reader.lineNumber());
    }

    /** The current row's k-th pass-through column as a finite number; anything else is an input error naming the line. */
    public double passThroughNumber(int k) {
        return reader.number(passThrough.get(k));
    }

    private static boolean isMissing(String value) {
        return value.isBlank() || value.equals(Numbers.MISSING);
    }

    private int required(String name, String role, String option) {
        int i = reader.column(name);
        if (i < 0) {
            throw InputException.atLine(reader.file(), 1, "no " + role + " column '" + name + "' (name it with " + option
                    + "; columns: " + String.join(", ", reader.header()) + ")");
        }
        return i;
    }

    @Override
    public void close() {
        reader.close();
    }
}
