package org.regshift.metrics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.DoubleStream;
import org.regshift.io.InputException;
import org.regshift.io.Numbers;
import org.regshift.io.TsvReader;

/**
 * The numeric columns of a predictions table (DESIGN.md) held as primitive arrays: mean and the
 * three variances (Inf for a row whose calibrated interval is unbounded), y (NaN where missing)
 * and, when asked, every interval (the column pairs lower/upper and lower_P/upper_P; Inf and -Inf
 * allowed), a grouping column and other numeric columns. Rows whose y is missing are kept; {@link #withY()} drops them.
 */
public record PredictionTable(Path file, double[] y, double[] mean, double[] varTotal, double[] varAleatoric,
                              double[] varEpistemic, String[] group, Map<String, double[]> extra,
                              Map<String, double[]> bounds) {
    private static final Pattern LOWER = Pattern.compile("lower(_[0-9.]+)?");
    private static final String COLUMNS = "a predictions table has id, mean, var_aleatoric, var_epistemic, var_total, lower, upper, [y]";

    public int size() {
        return mean.length;
    }

    public boolean hasY() {
        return y != null;
    }

    /**
     * Reads a table.
     * @param needY       the y column must be there
     * @param groupColumn a column to group by, or null
     * @param numeric     other numeric columns to read
     * @param intervals   read every lower/upper column pair
     * @param truth       where y comes from when not from the table's own 'y' column, or null
     * @param split       keep only rows whose 'split' column has this value, or null for all rows
     */
    public static PredictionTable read(Path file, boolean needY, String groupColumn, List<String> numeric,
                                       boolean intervals, Truth truth, String split) {
        DoubleStream.Builder y = DoubleStream.builder();
        DoubleStream.Builder mean = DoubleStream.builder();
        DoubleStream.Builder total = DoubleStream.builder();
        DoubleStream.Builder aleatoric = DoubleStream.builder();
        DoubleStream.Builder epistemic = DoubleStream.builder();
        List<String> groups = new ArrayList<>();
        Map<String, String> interned = new HashMap<>();
        List<DoubleStream.Builder> extras = numeric.stream().map(c -> DoubleStream.builder()).toList();
        try (TsvReader reader = new TsvReader(file); Truth.Cursor truthRows = truth == null ? null : truth.new Cursor()) {
            int yc = truth != null ? required(reader, "id") : reader.column("y");
            if (needY && yc < 0) {
                throw InputException.atLine(file, 1, "no 'y' column: this step needs the true values");
            }
            int mc = required(reader, "mean");
            int tc = required(reader, "var_total");
            int ac = reader.column("var_aleatoric");
            int ec = reader.column("var_epistemic");
            int gc = groupColumn == null ? -1 : reader.column(groupColumn);
            if (groupColumn != null && gc < 0) {
                throw InputException.atLine(file, 1, "no column '" + groupColumn + "' to group by (columns: "
                        + String.join(", ", reader.header()) + ")");
            }
            int sc = split == null ? -1 : reader.column("split");
            if (split != null && sc < 0) {
                throw InputException.atLine(file, 1, "no 'split' column to take the '" + split + "' rows from");
            }
            long rows = 0;
            byte[] splitBytes = split == null ? null : split.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            int[] xc = new int[numeric.size()];
            for (int k = 0; k < xc.length; k++) {
                xc[k] = required(reader, numeric.get(k));
            }
            List<String> suffixes = !intervals ? List.of() : reader.header().stream().filter(c -> LOWER.matcher(c).matches())
                    .map(c -> c.substring("lower".length())).filter(s -> reader.column("upper" + s) >= 0).toList();
            int[] lc = suffixes.stream().mapToInt(s -> reader.column("lower" + s)).toArray();
            int[] uc = suffixes.stream().mapToInt(s -> reader.column("upper" + s)).toArray();
            List<DoubleStream.Builder> lowers = suffixes.stream().map(c -> DoubleStream.builder()).toList();
            List<DoubleStream.Builder> uppers = suffixes.stream().map(c -> DoubleStream.builder()).toList();
            while (reader.next()) {
                if (sc >= 0 && !reader.fieldEquals(sc, splitBytes)) {
                    if (truthRows != null) {
                        truthRows.next(reader.field(yc), file, reader.lineNumber());
                    }
                    continue;
                }
                rows++;
                double v = reader.numberOrInfinity(tc);
                if (!(v > 0)) {
                    throw reader.error("var_total " + v + " is not positive");
                }
                total.add(v);
                mean.add(reader.number(mc));
                aleatoric.add(ac < 0 ? v : reader.numberOrInfinity(ac));
                epistemic.add(ec < 0 ? 0 : reader.numberOrInfinity(ec));
                if (truthRows != null) {
                    y.add(truthRows.next(reader.field(yc), file, reader.lineNumber()));
                } else if (yc >= 0) {
                    y.add(reader.field(yc).equals(Numbers.MISSING) ? Double.NaN : reader.number(yc));
                }
                if (gc >= 0) {
                    String g = reader.field(gc);
                    groups.add(interned.computeIfAbsent(g, k -> k));
                }
                for (int k = 0; k < xc.length; k++) {
                    extras.get(k).add(reader.number(xc[k]));
                }
                for (int k = 0; k < lc.length; k++) {
                    double lower = reader.bound(lc[k]);
                    double upper = reader.bound(uc[k]);
                    if (lower > upper) {
                        throw reader.error("lower" + suffixes.get(k) + " " + reader.field(lc[k]) + " is above upper"
                                + suffixes.get(k) + " " + reader.field(uc[k]));
                    }
                    lowers.get(k).add(lower);
                    uppers.get(k).add(upper);
                }
            }
            if (rows == 0) {
                throw InputException.inFile(file, split == null ? "has no prediction rows" : "has no rows of split '" + split + "'");
            }
            if (truthRows != null) {
                truthRows.finish(file);
            }
            return new PredictionTable(file, yc < 0 ? null : y.build().toArray(), mean.build().toArray(),
                    total.build().toArray(), aleatoric.build().toArray(), epistemic.build().toArray(),
                    gc < 0 ? null : groups.toArray(String[]::new), columns(numeric, extras), bounds(suffixes, lowers, uppers));
        }
    }

    private static Map<String, double[]> columns(List<String> names, List<DoubleStream.Builder> values) {
        Map<String, double[]> m = new LinkedHashMap<>();
        for (int k = 0; k < names.size(); k++) {
            m.put(names.get(k), values.get(k).build().toArray());
        }
        return m;
    }

    /** The interval columns by name, each lower with its upper. */
    private static Map<String, double[]> bounds(List<String> suffixes, List<DoubleStream.Builder> lowers,
                                                List<DoubleStream.Builder> uppers) {
        Map<String, double[]> m = new LinkedHashMap<>();
        for (int k = 0; k < suffixes.size(); k++) {
            m.put("lower" + suffixes.get(k), lowers.get(k).build().toArray());
            m.put("upper" + suffixes.get(k), uppers.get(k).build().toArray());
        }
        return m;
    }

    private static int required(TsvReader reader, String name) {
        int i = reader.column(name);
        if (i < 0) {
            throw InputException.atLine(reader.file(), 1, "no '" + name + "' column (" + COLUMNS + ", and ood)");
        }
        return i;
    }

    /**
     * The intervals at a level: the columns lower_P/upper_P, or lower/upper when
     * {@code level} is the level they were written at; null when the table has no such columns.
     */
    public Bounds interval(double level, double lowerUpperLevel) {
        String suffix = boundSuffix(level, lowerUpperLevel);
        double[] lower = bounds.get("lower" + suffix);
        return lower == null ? null : new Bounds(lower, bounds.get("upper" + suffix));
    }

    /**
     * How interval columns are named: lower/upper at the table's first level ({@code lowerUpperLevel}),
     * lower_P/upper_P at each other level P.
     */
    public static String boundSuffix(double level, double lowerUpperLevel) {
        return level == lowerUpperLevel ? "" : "_" + Numbers.format(level);
    }

    /** The rows that have y (all of them when none is missing). */
    public PredictionTable withY() {
        int n = 0;
        for (double v : y) {
            n += Double.isNaN(v) ? 0 : 1;
        }
        if (n == y.length) {
            return this;
        }
        int[] keep = new int[n];
        for (int i = 0, k = 0; i < y.length; i++) {
            if (!Double.isNaN(y[i])) {
                keep[k++] = i;
            }
        }
        return subset(keep);
    }

    /** The given rows, in the given order. */
    public PredictionTable subset(int[] rows) {
        return new PredictionTable(file, pick(y, rows), pick(mean, rows), pick(varTotal, rows), pick(varAleatoric, rows),
                pick(varEpistemic, rows), group == null ? null : Arrays.stream(rows).mapToObj(i -> group[i])
                .toArray(String[]::new), pickAll(extra, rows), pickAll(bounds, rows));
    }

    private static Map<String, double[]> pickAll(Map<String, double[]> columns, int[] rows) {
        Map<String, double[]> m = new LinkedHashMap<>();
        columns.forEach((name, values) -> m.put(name, pick(values, rows)));
        return m;
    }

    /** The values at the given rows, in the given order; null stays null. */
    static double[] pick(double[] values, int[] rows) {
        if (values == null) {
            return null;
        }
        double[] out = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            out[k] = values[rows[k]];
        }
        return out;
    }
}
