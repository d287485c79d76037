package org.regshift.metrics;

import java.nio.file.Path;
import org.regshift.io.InputException;
import org.regshift.io.Numbers;
import org.regshift.io.TsvReader;

/**
 * True values kept apart from the predictions (for example measurements of sequences predicted from
 * FASTA): a table with an {@code id} column and a value column, listing the same IDs in the same
 * order as the predictions; read alongside them, so a mismatch is caught at its line.
 */
public record Truth(Path file, String column) {
    /** Streams the values, checking each ID against the prediction's. */
    final class Cursor implements AutoCloseable {
        private final TsvReader reader = new TsvReader(file);
        private final int id;
        private final int value;

        Cursor() {
            try {
                id = reader.column("id");
                value = reader.column(column);
                if (id < 0 || value < 0) {
                    throw InputException.atLine(file, 1, "needs columns 'id' and '" + column + "' (columns: "
                            + String.join(", ", reader.header()) + ")");
                }
            } catch (RuntimeException e) {
                reader.close();
                throw e;
            }
        }

        /** The value of the next row, which must hold {@code predictionId}; NaN when missing (NA). */
        double next(String predictionId, Path predictions, long line) {
            if (!reader.next()) {
                throw InputException.inFile(file, "ends before ID '" + predictionId + "' of " + predictions + " line " + line
                        + " (the truth must list the predictions' IDs in their order)");
            }
            String truthId = reader.field(id);
            if (!truthId.equals(predictionId)) {
                throw reader.error("ID '" + truthId + "' where " + predictions + " line " + line + " has '" + predictionId
                        + "' (the truth must list the predictions' IDs in their order)");
            }
            return reader.field(value).equals(Numbers.MISSING) ? Double.NaN : reader.number(value);
        }

        /** Checks the truth has no rows beyond the predictions'. */
        void finish(Path predictions) {
            if (reader.next()) {
                throw reader.error("ID '" + reader.field(id) + "' beyond the last row of " + predictions);
            }
        }

        @Override
        public void close() {
            reader.close();
        }
    }
}
