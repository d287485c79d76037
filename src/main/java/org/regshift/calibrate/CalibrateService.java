package org.regshift.calibrate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.DoubleStream;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.regshift.io.AtomicOutputDir;
import org.regshift.io.InputException;
import org.regshift.io.Json;
import org.regshift.io.Numbers;
import org.regshift.io.TsvReader;
import org.regshift.io.TsvWriter;
import org.regshift.metrics.BoundedRows;
import org.regshift.metrics.Bounds;
import org.regshift.metrics.Metrics;
import org.regshift.metrics.PredictionTable;
import org.regshift.metrics.Quantiles;
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
                          int gcBins, List<String> weightFeatures, double weightClip, Path out) {
    }

    /**
     * The rows of a table that metrics need, with their groups (or ""), their density-ratio weights
     * (null: 1) and their weighting features (null without).
     */
    private record Rows(double[] y, double[] mean, double[] variance, String[] group, double[] weight, double[][] features) {
        RowContext context(int i) {
            return new RowContext(group[i], weight == null ? 1 : weight[i]);
        }

        Rows withGroups(String[] groups) {
            return new Rows(y, mean, variance, groups, weight, features);
        }
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
    record Comparison(int n, Assessment before, Assessment after, Weights weights) {
        Comparison withWeights(Weights w) {
            return new Comparison(n, before, after, w);
        }
    }

    /**
     * Weighted conformal's density ratios for one applied table: the effective sample size of the
     * weighted calibration rows, how many weights the clip bounded, the test rows' weights, and per
     * level the test rows whose interval is unbounded (their weight outweighs the calibration rows').
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Weights(int calibrationRows, double effectiveSampleSize, double clippedCalibrationFraction,
                   double clippedTestFraction, Quantiles testWeights, Quantiles calibrationWeights,
                   Map<String, Long> unboundedTestRows) {
        static Weights of(double[] calibration, double[] test, double clip, WeightedConformal calibrator) {
            Map<String, Long> unbounded = new LinkedHashMap<>();
            for (double level : calibrator.levels()) {
                unbounded.put(levelName(level), Arrays.stream(test).filter(w -> calibrator.threshold(w, level) == Double.POSITIVE_INFINITY)
                        .count());
            }
            return new Weights(calibration.length, DensityRatio.effectiveSampleSize(calibration), clipped(calibration, clip),
                    clipped(test, clip), Quantiles.of(test), Quantiles.of(calibration), unbounded);
        }

        private static double clipped(double[] w, double clip) {
            return (double) Arrays.stream(w).filter(v -> v >= clip || v <= 1 / clip).count() / w.length;
        }
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
        boolean weighted = request.method() == CalibrationMethod.WEIGHTED_CONFORMAL;
        List<String> features = weighted ? request.weightFeatures() : List.of();
        Rows fit = read(request.fit(), request.fitSplit(), groupColumn, groupColumn != null && request.groupBy() == null, features);
        double[] gcEdges = groupColumn == null || request.groupBy() != null ? null : quantileEdges(fit.group(), request.gcBins());
        String[] fitGroups = gcEdges == null ? fit.group() : bins(fit.group(), gcEdges);
        if (request.method().isConformal()) {
            requireRows(request.fit(), fit.y().length, request.levels());
        }
        Calibrator calibrator = switch (request.method()) {
            case NONE -> new NoCalibration();
            case VARIANCE_SCALING -> VarianceScaling.fit(fit.y(), fit.mean(), fit.variance());
            case ISOTONIC -> Isotonic.fit(fit.y(), fit.mean(), fit.variance(), request.levels());
            case CONFORMAL -> Conformal.fit(fit.y(), fit.mean(), fit.variance(), request.levels());
            case MONDRIAN -> Conformal.fitMondrian(fit.y(), fit.mean(), fit.variance(), fitGroups,
                    request.groupBy() == null ? "gc bins" : request.groupBy(), request.levels());
            case WEIGHTED_CONFORMAL -> WeightedConformal.fit(fit.y(), fit.mean(), fit.variance(), ones(fit.y().length),
                    request.levels());
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
            Map<String, DensityRatio> ratios = new LinkedHashMap<>();
            Map<String, Comparison> applied = new LinkedHashMap<>();
            List<Path> tables = new ArrayList<>();
            for (Path file : request.apply()) {
                String name = baseName(file);
                Path target = out.file(name + ".calibrated.tsv");
                RowContexts contexts = new RowContexts(groupColumn, gcEdges, features, null);
                if (weighted) {
                    double[][] testFeatures = RowContexts.features(file, features);
                    DensityRatio ratio = DensityRatio.fit(features, fit.features(), testFeatures, request.weightClip());
                    double[] w = Arrays.stream(fit.features()).mapToDouble(ratio::weight).toArray();
                    WeightedConformal tableCalibrator = WeightedConformal.fit(fit.y(), fit.mean(), fit.variance(), w, request.levels());
                    Weights weights = Weights.of(w, Arrays.stream(testFeatures).mapToDouble(ratio::weight).toArray(),
                            request.weightClip(), tableCalibrator);
                    warnUnbounded(file, weights, testFeatures.length);
                    ratios.put(name, ratio);
                    applied.put(name, apply(file, target, tableCalibrator, contexts.with(ratio), request.levels()).withWeights(weights));
                } else {
                    applied.put(name, apply(file, target, calibrator, contexts, request.levels()));
                }
                tables.add(request.out().resolve(name + ".calibrated.tsv"));
            }
            if (weighted) {
                description.put("features", features);
                description.put("clip", request.weightClip());
                description.put("density_ratios", ratios);
            }
            Json.write(out.file("calibrator.json"), description);
            Json.write(out.file("calibration.json"), new Report(request.method(), request.levels(), groups,
                    compare(fit.withGroups(fitGroups), calibrator, request.levels()), applied));
            provenance.put("calibrator", description);
            provenance.write(out.file(AtomicOutputDir.PROVENANCE));
            out.commit();
            return new Result(calibrator, tables);
        }
    }

    private static double[] ones(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1);
        return w;
    }

    /**
     * Tibshirani et al.'s intervals are unbounded for a test row whose weight w needs more than the
     * calibration weight W: level (W + w) > W. Such rows lie where the calibration rows are too few.
     */
    private static void warnUnbounded(Path table, Weights weights, int rows) {
        weights.unboundedTestRows().forEach((level, count) -> {
            if (count > 0) {
                LOG.warn("calibrate: {} of {} rows of {} get an unbounded interval at level {} (Inf): their inputs are where "
                        + "the calibration rows weigh too little (see unbounded_test_rows in calibration.json)", count, rows,
                        table.getFileName(), level);
            }
        });
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
    private static Rows read(Path file, String split, String groupColumn, boolean numericGroup, List<String> features) {
        List<double[]> values = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        List<double[]> featureRows = new ArrayList<>();
        try (TsvReader reader = new TsvReader(file)) {
            PredictionColumns c = PredictionColumns.of(reader, true, groupColumn);
            int[] featureColumns = RowContexts.columns(reader, features);
            int splitColumn = reader.column("split");
            while (reader.next()) {
                if (splitColumn >= 0 && !reader.field(splitColumn).equals(split)) {
                    continue;
                }
                values.add(new double[] {reader.number(c.y()), reader.number(c.mean()), c.variance(reader)});
                groups.add(c.group() < 0 ? "" : numericGroup ? Double.toString(reader.number(c.group())) : reader.field(c.group()));
                if (featureColumns.length > 0) {
                    featureRows.add(RowContexts.values(reader, featureColumns));
                }
            }
            if (values.isEmpty()) {
                throw InputException.inFile(file, "has no rows to calibrate on (rows of split '" + split
                        + "' when it has a split column)");
            }
        }
        return new Rows(values.stream().mapToDouble(v -> v[0]).toArray(), values.stream().mapToDouble(v -> v[1]).toArray(),
                values.stream().mapToDouble(v -> v[2]).toArray(), groups.toArray(String[]::new), null,
                featureRows.isEmpty() ? null : featureRows.toArray(double[][]::new));
    }

    /** Streams one predictions table into its calibrated copy; returns before/after metrics when it has y. */
    private static Comparison apply(Path file, Path target, Calibrator calibrator, RowContexts contexts, double[] levels) {
        List<double[]> rows = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        DoubleStream.Builder weights = DoubleStream.builder();
        try (TsvReader reader = new TsvReader(file)) {
            PredictionColumns c = PredictionColumns.of(reader, false, contexts.groupColumn());
            RowContexts.Reader context = contexts.reader(reader);
            List<String> header = new ArrayList<>(reader.header());
            int[][] bounds = new int[levels.length][];
            bounds[0] = new int[] {c.lower(), c.upper()};
            for (int k = 1; k < levels.length; k++) {
                String suffix = PredictionTable.boundSuffix(levels[k], levels[0]);
                bounds[k] = new int[] {column(header, "lower" + suffix), column(header, "upper" + suffix)};
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
                    RowContext row = context.next();
                    double calibrated = calibrator.variance(mean, variance, row);
                    double ratio = calibrated / variance;
                    fields[c.varTotal()] = Numbers.format(calibrated);
                    scale(fields, c.varAleatoric(), ratio);
                    scale(fields, c.varEpistemic(), ratio);
                    for (int k = 0; k < levels.length; k++) {
                        double[] interval = calibrator.interval(mean, variance, row, levels[k]);
                        for (int side = 0; side < 2; side++) {
                            if (bounds[k][side] >= 0) {
                                fields[bounds[k][side]] = Numbers.format(interval[side]);
                            }
                        }
                    }
                    writer.row(Arrays.asList(fields));
                    if (c.y() >= 0 && !fields[c.y()].equals(Numbers.MISSING)) {
                        rows.add(new double[] {reader.number(c.y()), mean, variance});
                        groups.add(row.group());
                        if (contexts.ratio() != null) {
                            weights.add(row.weight());
                        }
                    }
                }
            }
        }
        if (rows.isEmpty()) {
            return new Comparison(0, null, null, null);
        }
        Rows r = new Rows(rows.stream().mapToDouble(v -> v[0]).toArray(), rows.stream().mapToDouble(v -> v[1]).toArray(),
                rows.stream().mapToDouble(v -> v[2]).toArray(), groups.toArray(String[]::new),
                contexts.ratio() == null ? null : weights.build().toArray(), null);
        return compare(r, calibrator, levels);
    }

    /** The index of a column, appended to the header if it is not there yet. */
    private static int column(List<String> header, String name) {
        if (!header.contains(name)) {
            header.add(name);
        }
        return header.indexOf(name);
    }

    /** A level as calibration.json and messages write it: 0.8, 0.95. */
    private static String levelName(double level) {
        return Numbers.format(level);
    }

    /** Scales a variance column; a zero variance stays zero, also when the ratio is infinite. */
    private static void scale(String[] fields, int column, double ratio) {
        if (column >= 0 && !fields[column].equals(Numbers.MISSING)) {
            double v = Double.parseDouble(fields[column]);
            fields[column] = Numbers.format(v == 0 ? 0 : v * ratio);
        }
    }

    private static Comparison compare(Rows r, Calibrator calibrator, double[] levels) {
        return new Comparison(r.y().length, assess(r, new NoCalibration(), levels), assess(r, calibrator, levels), null);
    }

    /**
     * Coverage over every row (an unbounded interval covers), width over the bounded intervals, NLL
     * and sharpness over the rows with a finite variance, MACE over every row (null where no row counts).
     */
    private static Assessment assess(Rows r, Calibrator calibrator, double[] levels) {
        int n = r.y().length;
        double[] var = new double[n];
        for (int i = 0; i < n; i++) {
            var[i] = calibrator.variance(r.mean()[i], r.variance()[i], r.context(i));
        }
        Map<String, Double> coverage = new LinkedHashMap<>();
        Map<String, Double> width = new LinkedHashMap<>();
        for (double level : levels) {
            Bounds intervals = new Bounds(new double[n], new double[n]);
            for (int i = 0; i < n; i++) {
                double[] interval = calibrator.interval(r.mean()[i], r.variance()[i], r.context(i), level);
                intervals.lower()[i] = interval[0];
                intervals.upper()[i] = interval[1];
            }
            coverage.put(levelName(level), Metrics.coverage(r.y(), intervals));
            width.put(levelName(level), Json.number(Metrics.meanWidth(intervals)));
        }
        BoundedRows bounded = BoundedRows.of(r.y(), r.mean(), var);
        return new Assessment(coverage, width, Json.number(bounded.nll()),
                Metrics.mace(Metrics.calibrationCurve(r.y(), r.mean(), var, 100)), Json.number(bounded.sharpness()));
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

    static String bin(double gc, double[] edges) {
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
