package org.regshift.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regshift.simulate.Draws;
import org.regshift.testing.Cli;

/** {@code regshift calibrate} on predictions whose intervals are too narrow, more so at high GC. */
class CalibrateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = "id\tmean\tvar_aleatoric\tvar_epistemic\tvar_total\tlower\tupper\ty\tgc\n";

    @TempDir
    Path tmp;

    private Path predictions(String name, long seed, int n) throws IOException {
        return predictions(name, seed, n, Double.NaN);
    }

    /**
     * Predictions whose errors grow with GC; GC uniform on [0.3, 0.7], or with {@code gcMean} normal
     * with SD 0.08 (so that two such tables differ by a density ratio log-linear in GC).
     */
    private Path predictions(String name, long seed, int n, double gcMean) throws IOException {
        Draws d = new Draws(seed);
        StringBuilder s = new StringBuilder(HEADER);
        for (int i = 0; i < n; i++) {
            double mu = d.normal();
            double var = 0.2 + d.uniform();
            double gc = Double.isNaN(gcMean) ? 0.3 + 0.4 * d.uniform() : d.normal(gcMean, 0.08);
            double y = mu + (1 + 4 * (gc - 0.3)) * 1.5 * Math.sqrt(var) * d.normal();
            double half = 1.6448536 * Math.sqrt(var);
            s.append(String.format(Locale.ROOT, "e%d\t%.6f\t%.6f\t0\t%.6f\t%.6f\t%.6f\t%.6f\t%.4f%n", i, mu, var, var, mu - half,
                    mu + half, y, gc));
        }
        Path f = tmp.resolve(name);
        Files.writeString(f, s.toString());
        return f;
    }

    @Test
    void conformalRestoresCoverageAndMondrianPerGcBin() throws IOException {
        Path fit = predictions("calibration.tsv", 1, 4000);
        Path test = predictions("test.predictions.tsv", 2, 4000);
        Path out = Cli.succeed("calibrate", tmp.resolve("conformal"), "--fit", fit, "--apply", test, "--method", "conformal");
        JsonNode report = JSON.readTree(out.resolve("calibration.json").toFile());
        assertThat(report.at("/applied/test/before/coverage/0.9").asDouble()).isLessThan(0.75);
        assertThat(report.at("/applied/test/after/coverage/0.9").asDouble()).isCloseTo(0.9, within(0.02));
        assertThat(JSON.readTree(out.resolve("calibrator.json").toFile()).at("/method").asText()).isEqualTo("conformal");

        List<String> in = Files.readAllLines(test);
        List<String> calibrated = Files.readAllLines(out.resolve("test.calibrated.tsv"));
        assertThat(calibrated).hasSameSizeAs(in).first().isEqualTo(in.get(0));
        String[] before = in.get(1).split("\t");
        String[] after = calibrated.get(1).split("\t");
        double ratio = Double.parseDouble(after[4]) / Double.parseDouble(before[4]);
        assertThat(ratio).isGreaterThan(1.5);
        assertThat(Double.parseDouble(after[2])).isCloseTo(Double.parseDouble(before[2]) * ratio, within(1e-4));
        double half = Double.parseDouble(after[6]) - Double.parseDouble(after[1]);
        assertThat(half).isCloseTo(1.6448536 * Math.sqrt(Double.parseDouble(after[4])), within(1e-4));

        Path mondrian = Cli.succeed("calibrate", tmp.resolve("mondrian"), "--fit", fit, "--apply", test, "--method", "mondrian");
        JsonNode thresholds = JSON.readTree(mondrian.resolve("calibrator.json").toFile());
        assertThat(thresholds.at("/group_thresholds").size()).isEqualTo(5);
        assertThat(thresholds.at("/group_thresholds/gc_bin5/0").asDouble())
                .isGreaterThan(thresholds.at("/group_thresholds/gc_bin1/0").asDouble());
        assertThat(JSON.readTree(mondrian.resolve("calibration.json").toFile()).at("/applied/test/after/coverage/0.9").asDouble())
                .isCloseTo(0.9, within(0.02));
        double[] global = coverageByGcQuintile(out.resolve("test.calibrated.tsv"));
        double[] perBin = coverageByGcQuintile(mondrian.resolve("test.calibrated.tsv"));
        assertThat(global[0]).as("one threshold over-covers the low-GC fifth").isGreaterThan(0.95);
        assertThat(global[4]).as("and under-covers the high-GC fifth").isLessThan(0.85);
        for (int q = 0; q < 5; q++) {
            assertThat(perBin[q]).as("Mondrian coverage of GC fifth %d", q + 1).isCloseTo(0.9, within(0.04));
        }

        Path scaling = Cli.succeed("calibrate", tmp.resolve("scaling"), "--fit", fit, "--apply", test, "--method", "variance-scaling");
        JsonNode s = JSON.readTree(scaling.resolve("calibration.json").toFile());
        assertThat(s.at("/applied/test/after/nll").asDouble()).isLessThan(s.at("/applied/test/before/nll").asDouble());
    }

    /** The fraction of rows with y inside [lower, upper], per fifth of the rows by GC. */
    private static double[] coverageByGcQuintile(Path table) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>(Cli.table(table));
        rows.sort(Comparator.comparingDouble(r -> Cli.number(r, "gc")));
        double[] coverage = new double[5];
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> r = rows.get(i);
            double y = Cli.number(r, "y");
            coverage[5 * i / rows.size()] += y >= Cli.number(r, "lower") && y <= Cli.number(r, "upper") ? 5.0 / rows.size() : 0;
        }
        return coverage;
    }

    @Test
    void isotonicAndConformalCalibrateSeveralLevelsAtOnce() throws IOException {
        Path fit = predictions("calibration.tsv", 3, 4000);
        Path test = predictions("test.predictions.tsv", 4, 4000);
        for (String method : List.of("isotonic", "conformal")) {
            Path out = Cli.succeed("calibrate", tmp.resolve(method), "--fit", fit, "--apply", test, "--method", method,
                    "--level", "0.9,0.5", "--level", "0.8");
            JsonNode after = JSON.readTree(out.resolve("calibration.json").toFile()).at("/applied/test/after");
            assertThat(after.at("/coverage/0.9").asDouble()).as(method).isCloseTo(0.9, within(0.02));
            assertThat(after.at("/coverage/0.5").asDouble()).as(method).isCloseTo(0.5, within(0.03));
            assertThat(after.at("/coverage/0.8").asDouble()).as(method).isCloseTo(0.8, within(0.02));
            List<String> rows = Files.readAllLines(out.resolve("test.calibrated.tsv"));
            List<String> header = List.of(rows.get(0).split("\t"));
            assertThat(header).endsWith("lower_0.5", "upper_0.5", "lower_0.8", "upper_0.8");
            for (String row : rows.subList(1, rows.size())) {
                double[] f = Arrays.stream(row.split("\t")).skip(1).mapToDouble(Double::parseDouble).toArray();
                // columns after id: lower 4, upper 5, lower_0.5 8, upper_0.5 9, lower_0.8 10, upper_0.8 11
                assertThat(f[4]).isLessThan(f[10]);
                assertThat(f[10]).isLessThan(f[8]);
                assertThat(f[8]).isLessThan(f[9]);
                assertThat(f[9]).isLessThan(f[11]);
                assertThat(f[11]).isLessThan(f[5]);
            }
        }
    }

    @Test
    void mondrianGroupTooSmallForItsOwnThresholdUsesTheGlobalOneAndTheTableStaysUsable() throws IOException {
        Path fit = withLibrary(predictions("calibration.tsv", 5, 600), 3);
        Path test = withLibrary(predictions("test.predictions.tsv", 6, 600), 3);
        Path mondrian = tmp.resolve("mondrian");
        Cli.Result run = Cli.run("calibrate", "--fit", fit, "--apply", test, "--method", "mondrian", "--group-by", "library",
                "--out", mondrian);
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderr()).contains("calibrate: 1 of 2 Mondrian groups have fewer than 9 calibration rows and use the "
                + "global thresholds: {tiny=3}");
        JsonNode groups = JSON.readTree(mondrian.resolve("calibration.json").toFile()).at("/mondrian_groups");
        assertThat(groups.at("/fitted").asInt()).isEqualTo(1);
        assertThat(groups.at("/on_global_thresholds").asInt()).isEqualTo(1);
        assertThat(groups.at("/minimum_rows").asInt()).isEqualTo(9);
        JsonNode calibrator = JSON.readTree(mondrian.resolve("calibrator.json").toFile());
        assertThat(calibrator.at("/small_groups_on_global_thresholds/tiny").asInt()).isEqualTo(3);
        assertThat(calibrator.at("/group_thresholds").has("tiny")).isFalse();

        Path conformal = Cli.succeed("calibrate", tmp.resolve("conformal"), "--fit", fit, "--apply", test, "--method", "conformal");
        List<String> own = Files.readAllLines(mondrian.resolve("test.calibrated.tsv"));
        List<String> global = Files.readAllLines(conformal.resolve("test.calibrated.tsv"));
        for (int row = 1; row <= 3; row++) {
            assertThat(own.get(row)).isEqualTo(global.get(row));
        }
        assertThat(own.get(4)).isNotEqualTo(global.get(4));
        Path calibrated = mondrian.resolve("test.calibrated.tsv");
        Cli.succeed("evaluate", tmp.resolve("evaluate"), "--predictions", "mondrian=" + calibrated);
        Cli.succeed("select", tmp.resolve("select"), "--predictions", calibrated);
    }

    @Test
    void weightedConformalRestoresCoverageUnderAGcShiftThatSplitConformalLoses() throws IOException {
        Path fit = predictions("calibration.tsv", 7, 4000, 0.42);
        Path test = predictions("test.predictions.tsv", 8, 4000, 0.55);
        Path conformal = Cli.succeed("calibrate", tmp.resolve("conformal"), "--fit", fit, "--apply", test, "--method", "conformal");
        assertThat(JSON.readTree(conformal.resolve("calibration.json").toFile()).at("/applied/test/after/coverage/0.9").asDouble())
                .isLessThan(0.85);
        Path weighted = Cli.succeed("calibrate", tmp.resolve("weighted"), "--fit", fit, "--apply", test, "--method",
                "weighted-conformal", "--weight-features", "gc", "--level", "0.9,0.8");
        JsonNode applied = JSON.readTree(weighted.resolve("calibration.json").toFile()).at("/applied/test");
        assertThat(applied.at("/after/coverage/0.9").asDouble()).isBetween(0.87, 0.93);
        assertThat(applied.at("/after/coverage/0.8").asDouble()).isBetween(0.77, 0.83);
        assertThat(applied.at("/weights/calibration_rows").asInt()).isEqualTo(4000);
        assertThat(applied.at("/weights/effective_sample_size").asDouble()).isBetween(100.0, 3000.0);
        assertThat(applied.at("/weights/test_weights/median").asDouble()).isGreaterThan(1);
        JsonNode calibrator = JSON.readTree(weighted.resolve("calibrator.json").toFile());
        assertThat(calibrator.at("/clip").asDouble()).as("the default --weight-clip").isEqualTo(1000.0);
        JsonNode ratio = calibrator.at("/density_ratios/test");
        assertThat(ratio.at("/features/0").asText()).isEqualTo("gc");
        assertThat(ratio.at("/coefficients/1").asDouble()).as("test rows have the higher GC").isPositive();
        List<String> rows = Files.readAllLines(weighted.resolve("test.calibrated.tsv"));
        double[] widths = rows.stream().skip(1).map(r -> r.split("\t")).filter(f -> !f[6].equals("Inf"))
                .mapToDouble(f -> Double.parseDouble(f[6]) - Double.parseDouble(f[5])).toArray();
        assertThat(Arrays.stream(widths).distinct().count()).as("each row its own quantile").isGreaterThan(100);

        Path o = tmp.resolve("o");
        Cli.assertFailsCleanly(Cli.run("calibrate", "--fit", fit, "--apply", test, "--method", "weighted-conformal", "--out", o),
                3, "calibration.tsv line 1: no 'ood' column for --weight-features");
        Cli.assertFailsCleanly(Cli.run("calibrate", "--fit", fit, "--apply", test, "--method", "weighted-conformal",
                "--weight-features", "gc", "--weight-clip", "1", "--out", o), 2, "--weight-clip must be a number above 1, not 1.0");
        assertThat(o).doesNotExist();
    }

    @Test
    void weightedConformalGivesUnboundedIntervalsWhereTheCalibrationRowsWeighTooLittleAndEveryStepReadsThem()
            throws IOException {
        Path small = predictions("small.tsv", 9, 100, 0.42);
        Path test = predictions("test.predictions.tsv", 8, 4000, 0.55);
        Path out = tmp.resolve("weighted");
        Cli.Result run = Cli.run("calibrate", "--fit", small, "--apply", test, "--method", "weighted-conformal",
                "--weight-features", "gc", "--level", "0.9,0.8", "--out", out);
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode weights = JSON.readTree(out.resolve("calibration.json").toFile()).at("/applied/test/weights");
        long unbounded = weights.at("/unbounded_test_rows/0.9").asLong();
        assertThat(unbounded).isBetween(1L, 3999L);
        assertThat(weights.at("/unbounded_test_rows/0.8").asLong()).isLessThanOrEqualTo(unbounded);
        assertThat(run.stderr()).contains("calibrate: " + unbounded + " of 4000 rows of test.predictions.tsv get an unbounded "
                + "interval at level 0.9 (Inf)");

        List<String[]> rows = Files.readAllLines(out.resolve("test.calibrated.tsv")).stream().skip(1).map(r -> r.split("\t")).toList();
        List<String[]> infinite = rows.stream().filter(f -> f[4].equals("Inf")).toList();
        assertThat(infinite).hasSize((int) unbounded);
        assertThat(infinite).allSatisfy(f -> assertThat(new String[] {f[2], f[3], f[5], f[6]})
                .containsExactly("Inf", "0", "-Inf", "Inf"));

        Path evaluated = Cli.succeed("evaluate", tmp.resolve("evaluate"), "--predictions", "weighted=" + out.resolve("test.calibrated.tsv"));
        JsonNode metrics = JSON.readTree(evaluated.resolve("metrics.json").toFile()).at("/scenarios/weighted/metrics");
        assertThat(metrics.at("/unbounded_fraction").asDouble()).isCloseTo(unbounded / 4000.0, within(1e-9));
        double boundedCovered = rows.stream().filter(f -> !f[4].equals("Inf"))
                .filter(f -> Double.parseDouble(f[7]) >= Double.parseDouble(f[5]) && Double.parseDouble(f[7]) <= Double.parseDouble(f[6]))
                .count();
        assertThat(metrics.at("/coverage_90").asDouble()).isCloseTo((boundedCovered + unbounded) / 4000, within(1e-9));
        assertThat(metrics.at("/nll").isNumber()).as("NLL of the bounded rows").isTrue();
        assertThat(metrics.at("/width_90").asDouble()).isPositive().isFinite();

        Path selected = Cli.succeed("select", tmp.resolve("select"), "--predictions", out.resolve("test.calibrated.tsv"),
                "--coverage", "0.5");
        List<String> header = List.of(Files.readAllLines(selected.resolve("selected.tsv")).get(0).split("\t"));
        int accept = header.indexOf("accept");
        assertThat(Files.readAllLines(selected.resolve("selected.tsv")).stream().skip(1).map(r -> r.split("\t"))
                .filter(f -> f[4].equals("Inf"))).as("unbounded rows rank last").allSatisfy(f -> assertThat(f[accept]).isEqualTo("0"));
    }

    /** The table with a 'library' column: 'tiny' for its first {@code tiny} rows, 'big' for the others. */
    private static Path withLibrary(Path table, int tiny) throws IOException {
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(table));
        for (int i = 0; i < lines.size(); i++) {
            lines.set(i, lines.get(i) + "\t" + (i == 0 ? "library" : i <= tiny ? "tiny" : "big"));
        }
        return Files.write(table, lines);
    }

    @Test
    void badInputFailsCleanly() throws IOException {
        Path good = predictions("calibration.tsv", 1, 50);
        failsToFit("noy.tsv", "id\tmean\tvar_total\ne1\t0.5\t1\n", good, 3, "noy.tsv line 1: no 'y' column");
        failsToFit("zero.tsv", "id\tmean\tvar_total\ty\ne1\t0.5\t1\t0\ne2\t0.5\t0\t1\n", good, 3,
                "zero.tsv line 3: var_total 0.0 is not positive");
        failsToFit("empty.tsv", "id\tmean\tvar_total\ty\n", good, 3, "empty.tsv: has no rows to calibrate on");
        failsToFit("five.tsv", "id\tmean\tvar_total\ty\n" + "e\t0\t1\t0.5\n".repeat(5), good, 3,
                "five.tsv: has 5 rows to calibrate on; conformal intervals at level 0.9 need at least 9");
        failsToFit("trainonly.tsv", "id\tmean\tvar_total\ty\tsplit\ne1\t0.5\t1\t0\ttrain\n", good, 3,
                "has no rows to calibrate on (rows of split 'calibration'");
        Path noMean = Files.writeString(tmp.resolve("nomean.tsv"), "id\tvar_total\ty\ne1\t1\t0\n");
        Cli.assertFailsCleanly(Cli.run("calibrate", "--fit", good, "--apply", noMean, "--out", tmp.resolve("o")), 3,
                "nomean.tsv line 1: no 'mean' column");
        Cli.assertFailsCleanly(Cli.run("calibrate", "--fit", good, "--apply", good, "--out", tmp.resolve("o"), "--level", "1.5"),
                2, "--level must be between 0 and 1");
        Cli.assertFailsCleanly(Cli.run("calibrate", "--fit", good, "--apply", good, "--out", tmp.resolve("o"),
                "--level", "0.9,0.9"), 2, "--level values must differ");
        Cli.assertFailsCleanly(Cli.run("calibrate", "--fit", good, "--apply", good, "--out", tmp.resolve("o"), "--method", "platt"),
                2, "--method': expected one of none, variance-scaling, isotonic, conformal, mondrian, weighted-conformal, not 'platt'");
        assertThat(tmp.resolve("o")).doesNotExist();
    }

    /** A calibration table with this content fails with this exit code and message, leaving no output. */
    private void failsToFit(String name, String content, Path apply, int exit, String message) throws IOException {
        Path fit = Files.writeString(tmp.resolve(name), content);
        Cli.assertFailsCleanly(Cli.run("calibrate", "--fit", fit, "--apply", apply, "--out", tmp.resolve("o")), exit, message);
        assertThat(tmp.resolve("o")).doesNotExist();
    }
}
