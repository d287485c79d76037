package org.regshift.calibrate;

import org.regshift.io.InputException;
import org.regshift.io.TsvReader;

/** Where the columns of a predictions table (DESIGN.md) are, found in its header. */
record PredictionColumns(int mean, int varAleatoric, int varEpistemic, int varTotal, int lower, int upper, int y,
                         int group) {
    static PredictionColumns of(TsvReader reader, boolean needY, String groupColumn) {
        int y = reader.column("y");
        if (needY && y < 0) {
            throw InputException.atLine(reader.file(), 1, "no 'y' column: calibration needs the true values");
        }
        int group = groupColumn == null ? -1 : required(reader, groupColumn);
        return new PredictionColumns(required(reader, "mean"), reader.column("var_aleatoric"), reader.column("var_epistemic"),
                required(reader, "var_total"), reader.column("lower"), reader.column("upper"), y, group);
    }

    private static int required(TsvReader reader, String name) {
        int i = reader.column(name);
        if (i < 0) {
            throw InputException.atLine(reader.file(), 1, "no '" + name + "' column (a predictions table has id, mean, "
                    + "var_aleatoric, var_epistemic, var_total, lower, upper, [y])");
        }
        return i;
    }

    /** The row's total variance, which must be positive. */
    double variance(TsvReader reader) {
        double v = reader.number(varTotal);
        if (!(v > 0)) {
            throw reader.error("var_total " + v + " is not positive");
        }
        return v;
    }
}
