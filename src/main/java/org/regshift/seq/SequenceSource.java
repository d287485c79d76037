package org.regshift.seq;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.regshift.io.InputException;
import org.regshift.io.Inputs;

/** Rows of sequences to predict on, from a table or a FASTA file. */
public interface SequenceSource extends Closeable {
    boolean hasTarget();

    /** Names of the columns passed through to the output, in order. */
    List<String> passThroughColumns();

    /** The next row, or null at the end. */
    SequenceTable.Row next();

    @Override
    void close();

    /** A FASTA file (plain, gzip or bgzip: its first byte is '>') or else a table. */
    static SequenceSource open(Path file, SequenceTable.Columns columns) {
        int first;
        try (InputStream in = Inputs.open(file)) {
            first = in.read();
        } catch (IOException e) {
            throw InputException.inFile(file, "cannot be read: truncated or corrupt gzip (" + e.getMessage() + ")");
        }
        return first == '>' ? new FastaSequences(file) : new SequenceTable(file, columns, false);
    }
}
