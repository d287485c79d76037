package org.regshift.calibrate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.regshift.io.AtomicOutputDir;
import org.regshift.io.InputException;
import org.regshift.io.Json;
import org.regshift.io.Numbers;
import org.regshift.io.TsvReader;
import org.regshift.io.TsvWriter;
import org.regshift.metrics.Metrics;
import org.regshift.provenance.Provenance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits a calibrator on a predictions table with true values and applies it to other predictions
 * tables: NAME.tsv becomes NAME.calibrated.tsv with the variances scaled and lower/upper recomputed
 * at each level; calibration.json holds coverage and width per level, NLL, MACE and sharpness before and after.
 */
public final class CalibrateService {
    private static final Logger LOG = LoggerFactory.getLogger(CalibrateService.class);
    private static final String GC = "gc";

    /**
     * The request; {@code groupBy} null with mondrian means GC bins from the 'gc' column. When the fit
     * table has a 'split' column, only its rows of {@code fitSplit} are fitted on.
     */
    public record Request(Path fit, String fitSplit, List<Path> apply, CalibrationMethod method, double[] levels, String groupBy,
                          int gcBins, Path out) {
    }

    /** The rows of a table that metrics need. */
    private record Rows(double[] y, double[] mean, double[] variance, String[] group) {
    }

    private CalibrateService() {
    }

    /** calibration.json: the method and levels, then the fit rows and every applied table compared before and after. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Report(CalibrationMethod method, double[] levels, @JsonInclude(JsonInclude.Include.NON_NULL) MondrianGroups mondrianGroups,
                  Comparison fit, Map<String, Comparison> applied) {
    }

    /** Mondrian groups with their own thresholds, and those too small for them (on the global thresholds). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record MondrianGroups(int fitted, int onGlobalThresholds, int minimumRows) {
        static MondrianGroups of(Conformal c) {
            return new MondrianGroups(c.groupThresholds().size(), c.smallGroups().size(), Conformal.minimumRows(c.levels()));
        }
    }

    /** Metrics of the rows with y before and after calibration; only n (0) for a table without y. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Comparison(int n, Assessment before, Assessment after) {
    }

    /** Coverage and mean width of the intervals at each level (keys: the levels), then NLL, MACE and sharpness. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Assessment(Map<String, Double> coverage, Map<String, Double> meanWidth, Double nll, Double mace, Double sharpness) {
    }

    /** What was fitted and written: the calibrator's description and the calibrated tables. */
    public record Result(Calibrator calibrator, List<Path> calibratedTables) {
    }

    public static Result run(Request request, Provenance provenance) {
        String groupColumn = request.method() == CalibrationMethod.MONDRIAN ? (request.groupBy() == null ? GC : request.groupBy()) : null;
        Rows fit = read(request.fit(), request.fitSplit(), groupColumn, groupColumn != null && request.groupBy() == null);
        double[] gcEdges = groupColumn == null || request.groupBy() != null ? null : quantileEdges(fit.group(), request.gcBins());
        String[] fitGroups = gcEdges == null ? fit.group() : bins(fit.group(), gcEdges);
        if (request.method() == CalibrationMethod.CONFORMAL || request.method() == CalibrationMethod.MONDRIAN) {
            requireRows(request.fit(), fit.y().length, request.levels());
        }
        Calibrator calibrator = switch (request.method()) {
            case NONE -> new NoCalibration();
            case VARIANCE_SCALING -> VarianceScaling.fit(fit.y(), fit.mean(), fit.variance());
            case ISOTONIC -> Isotonic.fit(fit.y(), fit.mean(), fit.variance(), request.levels());
            case CONFORMAL -> Conformal.fit(fit.y(), fit.mean(), fit.variance(), request.levels());
            case MONDRIAN -> Conformal.fitMondrian(fit.y(), fit.mean(), fit.variance(), fitGroups,
                    request.groupBy() == null ? "gc bins" : request.groupBy(), request.levels());
        };
        MondrianGroups groups = calibrator instanceof Conformal c && c.groupedBy() != null ? MondrianGroups.of(c) : null;
        if (groups != null && groups.onGlobalThresholds() > 0) {
            LOG.warn("calibrate: {} of {} Mondrian groups have fewer than {} calibration rows and use the global thresholds: {}",
                    groups.onGlobalThresholds(), groups.fitted() + groups.onGlobalThresholds(), groups.minimumRows(),
                    ((Conformal) calibrator).smallGroups());
        }
        try (AtomicOutputDir out = new AtomicOutputDir(request.out())) {
            Map<String, Object> description = new LinkedHashMap<>(calibrator.describe());
            if (gcEdges != null) {
                description.put("gc_bin_edges", gcEdges);
            }
            Json.write(out.file("calibrator.json"), description);
            Map<String, Comparison> applied = new LinkedHashMap<>();
            List<Path> tables = new ArrayList<>();
            for (Path file : request.apply()) {
                String name = baseName(file);
                applied.put(name, apply(file, out.file(name + ".calibrated.tsv"), calibrator, groupColumn, gcEdges,
                        request.levels()));
                tables.add(request.out().resolve(name + ".calibrated.tsv"));
            }
            Json.write(out.file("calibration.json"), new Report(request.method(), request.levels(), groups,
                    compare(fit, fitGroups, calibrator, request.levels()), applied));
            provenance.put("calibrator", description);
            provenance.write(out.file(AtomicOutputDir.PROVENANCE));
            out.commit();
            return new Result(calibrator, tables);
        }
    }

    /** Split conformal needs ceil(level (n + 1)) <= n calibration rows for a finite threshold at every level. */
    private static void requireRows(Path file, int rows, double[] levels) {
        int minimum = Conformal.minimumRows(levels);
        if (rows < minimum) {
            throw InputException.inFile(file, "has " + rows + " rows to calibrate on; conformal intervals at level "
                    + levelName(Arrays.stream(levels).max().orElseThrow()) + " need at least " + minimum);
        }
    }

    /** The rows of the calibration table; with {@code numericGroup} the group column must hold numbers (GC). */
    private static Rows read(Path file, String split, String groupColumn, boolean numericGroup) {
        List<double[]> values = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        try (TsvReader reader = new TsvReader(file)) {
            PredictionColumns c = PredictionColumns.of(reader, true, groupColumn);
            int splitColumn = reader.column("split");
            while (reader.next()) {
                if (splitColumn >= 0 && !reader.field(splitColumn).equals(split)) {
                    continue;
                }
                values.add(new double[] {reader.number(c.y()), reader.number(c.mean()), c.variance(reader)});
                groups.add(c.group() < 0 ? "" : numericGroup ? Double.toString(reader.number(c.group())) : reader.field(c.group()));
            }
            if (values.isEmpty()) {
                throw InputException.inFile(file, "has no rows to calibrate on (rows of split '" + split
                        + "' when it has a split column)");
            }
        }
        return new Rows(values.stream().mapToDouble(v -> v[0]).toArray(), values.stream().mapToDouble(v -> v[1]).toArray(),
                values.stream().mapToDouble(v -> v[2]).toArray(), groups.toArray(String[]::new));
    }

    /** Streams one predictions table into its calibrated copy; returns before/after metrics when it has y. */
    private static Comparison apply(Path file, Path target, Calibrator calibrator, String groupColumn,
                                             double[] gcEdges, double[] levels) {
        List<double[]> rows = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        try (TsvReader reader = new TsvReader(file)) {
            PredictionColumns c = PredictionColumns.of(reader, false, groupColumn);
            List<String> header = new ArrayList<>(reader.header());
            int[][] bounds = new int[levels.length][];
            bounds[0] = new int[] {c.lower(), c.upper()};
            for (int k = 1; k < levels.length; k++) {
                bounds[k] = new int[] {column(header, "lower_" + levelName(levels[k])), column(header, "upper_" + levelName(levels[k]))};
            }
            try (TsvWriter writer = new TsvWriter(target, header)) {
                String[] fields = new String[header.size()];
                Arrays.fill(fields, Numbers.MISSING);
                while (reader.next()) {
                    for (int i = 0; i < reader.header().size(); i++) {
                        fields[i] = reader.field(i);
                    }
                    double mean = reader.number(c.mean());
                    double variance = c.variance(reader);
                    String group = c.group() < 0 ? "" : gcEdges == null ? fields[c.group()] : bin(reader.number(c.group()), gcEdges);
                    double calibrated = calibrator.variance(mean, variance, group);
                    double ratio = calibrated / variance;
                    fields[c.varTotal()] = Numbers.format(calibrated);
                    scale(fields, c.varAleatoric(), ratio);
                    scale(fields, c.varEpistemic(), ratio);
                    for (int k = 0; k < levels.length; k++) {
                        double[] interval = calibrator.interval(mean, variance, group, levels[k]);
                        for (int side = 0; side < 2; side++) {
                            if (bounds[k][side] >= 0) {
                                fields[bounds[k][side]] = Numbers.format(interval[side]);
                            }
                        }
                    }
                    writer.row(Arrays.asList(fields));
                    if (c.y() >= 0 && !fields[c.y()].equals(Numbers.MISSING)) {
                        rows.add(new double[] {reader.number(c.y()), mean, variance});
                        groups.add(group);
                    }
                }
            }
        }
        if (rows.isEmpty()) {
            return new Comparison(0, null, null);
        }
        Rows r = new Rows(rows.stream().mapToDouble(v -> v[0]).toArray(), rows.stream().mapToDouble(v -> v[1]).toArray(),
                rows.stream().mapToDouble(v -> v[2]).toArray(), groups.toArray(String[]::new));
        return compare(r, r.group(), calibrator, levels);
    }

    /** The index of a column, appended to the header if it is not there yet. */
    private static int column(List<String> header, String name) {
        if (!header.contains(name)) {
            header.add(name);
        }
        return header.indexOf(name);
    }

    /** A level as it appears in column names: 0.8, 0.95. */
    public static String levelName(double level) {
        return Numbers.format(level);
    }

    private static void scale(String[] fields, int column, double ratio) {
        if (column >= 0 && !fields[column].equals(Numbers.MISSING)) {
            fields[column] = Numbers.format(Double.parseDouble(fields[column]) * ratio);
        }
    }

    private static Comparison compare(Rows r, String[] groups, Calibrator calibrator, double[] levels) {
        return new Comparison(r.y().length, assess(r, groups, new NoCalibration(), levels), assess(r, groups, calibrator, levels));
    }

    private static Assessment assess(Rows r, String[] groups, Calibrator calibrator, double[] levels) {
        int n = r.y().length;
        double[] var = new double[n];
        for (int i = 0; i < n; i++) {
            var[i] = calibrator.variance(r.mean()[i], r.variance()[i], groups[i]);
        }
        boolean finite = Arrays.stream(var).allMatch(Double::isFinite);
        Map<String, Double> coverage = new LinkedHashMap<>();
        Map<String, Double> width = new LinkedHashMap<>();
        for (double level : levels) {
            int inside = 0;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double[] interval = calibrator.interval(r.mean()[i], r.variance()[i], groups[i], level);
                inside += r.y()[i] >= interval[0] && r.y()[i] <= interval[1] ? 1 : 0;
                sum += interval[1] - interval[0];
            }
            coverage.put(levelName(level), inside / (double) n);
            width.put(levelName(level), Json.number(sum / n));
        }
        return finite ? new Assessment(coverage, width, Json.number(Metrics.nll(r.y(), r.mean(), var)),
                Metrics.mace(Metrics.calibrationCurve(r.y(), r.mean(), var, 100)), Metrics.sharpness(var))
                : new Assessment(coverage, width, null, null, null);
    }

    /** Inner quantile edges of the GC values that split them into {@code bins} bins of equal size. */
    private static double[] quantileEdges(String[] gc, int bins) {
        double[] v = Arrays.stream(gc).mapToDouble(Double::parseDouble).sorted().toArray();
        double[] edges = new double[bins - 1];
        for (int k = 1; k < bins; k++) {
            edges[k - 1] = v[(int) ((long) k * v.length / bins)];
        }
        return edges;
    }

    private static String[] bins(String[] gc, double[] edges) {
        return Arrays.stream(gc).map(g -> bin(Double.parseDouble(g), edges)).toArray(String[]::new);
    }

    private static String bin(double gc, double[] edges) {
        int k = 0;
        while (k < edges.length && gc >= edges[k]) {
            k++;
        }
        return "gc_bin" + (k + 1);
    }

    private static String baseName(Path file) {
        return file.getFileName().toString().replaceFirst("(\\.predictions)?\\.tsv(\\.gz)?$", "");
    }
}
