package org.regshift.calibrate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.regshift.io.InputException;
import org.regshift.io.TsvReader;

/**
 * How the rows of a predictions table get their {@link RowContext}: a Mondrian group from a column
 * (binned at {@code gcEdges} when they are given), a weight from the density ratio at the row's
 * feature columns.
 */
record RowContexts(String groupColumn, double[] gcEdges, List<String> features, DensityRatio ratio) {

    RowContexts with(DensityRatio densityRatio) {
        return new RowContexts(groupColumn, gcEdges, features, densityRatio);
    }

    /** Reads the context of each row as the reader moves on. */
    interface Reader {
        RowContext next();
    }

    Reader reader(TsvReader reader) {
        int group = groupColumn == null ? -1 : reader.column(groupColumn);
        int[] columns = ratio == null ? new int[0] : columns(reader, features);
        if (group < 0 && ratio == null) {
            return () -> RowContext.NONE;
        }
        return () -> new RowContext(group < 0 ? "" : gcEdges == null ? reader.field(group)
                : CalibrateService.bin(reader.number(group), gcEdges), ratio == null ? 1 : ratio.weight(values(reader, columns)));
    }

    /** The feature columns' indices; a missing one is an input error naming it. */
    static int[] columns(TsvReader reader, List<String> features) {
        int[] columns = new int[features.size()];
        for (int j = 0; j < columns.length; j++) {
            columns[j] = reader.column(features.get(j));
            if (columns[j] < 0) {
                throw InputException.atLine(reader.file(), 1, "no '" + features.get(j) + "' column for --weight-features (columns: "
                        + String.join(", ", reader.header()) + ")");
            }
        }
        return columns;
    }

    static double[] values(TsvReader reader, int[] columns) {
        double[] x = new double[columns.length];
        for (int j = 0; j < columns.length; j++) {
            x[j] = reader.number(columns[j]);
        }
        return x;
    }

    /** Every row's feature values of a table. */
    static double[][] features(Path file, List<String> features) {
        List<double[]> rows = new ArrayList<>();
        try (TsvReader reader = new TsvReader(file)) {
            int[] columns = columns(reader, features);
            while (reader.next()) {
                rows.add(values(reader, columns));
            }
        }
        if (rows.isEmpty()) {
            throw InputException.inFile(file, "has no rows to weigh against the calibration rows");
        }
        return rows.toArray(double[][]::new);
    }
}
