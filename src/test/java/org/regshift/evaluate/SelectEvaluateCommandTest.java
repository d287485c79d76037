package org.regshift.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regshift.simulate.Draws;
import org.regshift.testing.Cli;

/** {@code regshift select} and {@code evaluate} on predictions whose variances are informative. */
class SelectEvaluateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /**
     * Predictions with y drawn from N(mu + bias, (noise sigma)^2): noise 1 and bias 0 is calibrated;
     * the ood column is independent of the error.
     */
    private Path predictions(String name, long seed, int n, double noise, double bias) throws IOException {
        Draws d = new Draws(seed);
        StringBuilder s = new StringBuilder("id\tmean\tvar_aleatoric\tvar_epistemic\tvar_total\tlower\tupper\ty\tood\tgc\tsplit\n");
        for (int i = 0; i < n; i++) {
            double mu = d.normal();
            double va = 0.05 + d.uniform();
            double ve = 0.05 * d.uniform();
            double var = va + ve;
            double y = mu + bias + noise * Math.sqrt(var) * d.normal();
            double half = 1.6448536 * Math.sqrt(var);
            s.append(String.format(Locale.ROOT, "e%d\t%.6f\t%.6f\t%.6f\t%.6f\t%.6f\t%.6f\t%.6f\t%.4f\t%.4f\t%s%n", i, mu, va, ve, var,
                    mu - half, mu + half, y, d.uniform() * 3, 0.3 + 0.4 * d.uniform(), i % 2 == 0 ? "calibration" : "test"));
        }
        Path f = tmp.resolve(name);
        Files.writeString(f, s.toString());
        return f;
    }

    @Test
    void selectRanksByUncertaintyAndHoldsTheTargetCoverage() throws IOException {
        Path fit = predictions("fit.tsv", 1, 4000, 1, 0);
        Path test = predictions("test.tsv", 2, 4000, 1, 0);
        Path out = Cli.succeed("select", tmp.resolve("sel"), "--predictions", test, "--fit", fit, "--coverage", "0.5",
                "--score", "var_total,var_epistemic", "--score", "width", "--score", "ood");
        JsonNode r = JSON.readTree(out.resolve("selection.json").toFile());
        assertThat(r.at("/fit/coverage").asDouble()).isCloseTo(0.5, within(0.001));
        assertThat(r.at("/applied/coverage").asDouble()).isCloseTo(0.5, within(0.03));
        JsonNode total = r.at("/scores/var_total");
        assertThat(total.at("/aurc").asDouble()).isLessThan(0.8 * total.at("/full_risk").asDouble());
        assertThat(total.at("/e_aurc").asDouble()).isPositive().isCloseTo(
                total.at("/aurc").asDouble() - total.at("/oracle_aurc").asDouble(), within(1e-9));
        assertThat(total.at("/risk_at_50").asDouble()).isLessThan(0.6 * total.at("/full_risk").asDouble());
        // width ranks as var_total does; the uninformative ood score is no better than random
        assertThat(r.at("/scores/width/aurc").asDouble()).isCloseTo(total.at("/aurc").asDouble(), within(1e-6));
        assertThat(r.at("/scores/ood/aurc").asDouble()).isGreaterThan(0.9 * total.at("/full_risk").asDouble());
        assertThat(r.at("/applied/selective_risk").asDouble()).isCloseTo(total.at("/risk_at_50").asDouble(), within(0.1));

        List<String> in = Files.readAllLines(test);
        List<String> selected = Files.readAllLines(out.resolve("selected.tsv"));
        assertThat(selected).hasSameSizeAs(in);
        assertThat(selected.get(0)).isEqualTo(in.get(0) + "\tscore\taccept");
        long accepted = selected.stream().skip(1).filter(l -> l.endsWith("\t1")).count();
        assertThat(accepted).isEqualTo(r.at("/applied/accepted").asLong());
        assertThat(Files.readAllLines(out.resolve("risk_coverage.tsv"))).hasSize(101).first()
                .isEqualTo("coverage\tvar_total\tvar_epistemic\twidth\tood\toracle\trandom");
        assertThat(out.resolve("risk_coverage.png")).isNotEmptyFile();
        assertThat(out.resolve("risk_coverage.svg")).isNotEmptyFile();

        Path byRisk = Cli.succeed("select", tmp.resolve("risk"), "--predictions", test, "--fit", fit, "--target-risk", "0.2");
        JsonNode rr = JSON.readTree(byRisk.resolve("selection.json").toFile());
        assertThat(rr.at("/fit/selective_risk").asDouble()).isLessThanOrEqualTo(0.2);
        assertThat(rr.at("/fit/coverage").asDouble()).isBetween(0.1, 0.9);
    }

    @Test
    void evaluateReportsEveryScenarioAgainstTheReferenceAndPerGroup() throws IOException {
        Path id = predictions("id.tsv", 3, 3000, 1, 0);
        Path noisy = predictions("noisy.tsv", 4, 3000, 2, 0);
        Path biased = predictions("biased.tsv", 5, 3000, 1, 0.8);
        Path out = Cli.succeed("evaluate", tmp.resolve("eval"), "--predictions", "in_distribution=" + id, "noisy=" + noisy,
                "biased=" + biased, "--group-by", "gc");
        JsonNode m = JSON.readTree(out.resolve("metrics.json").toFile());
        assertThat(m.at("/reference").asText()).isEqualTo("in_distribution");
        assertThat(m.at("/scenarios/in_distribution/metrics/coverage_90").asDouble()).isCloseTo(0.9, within(0.02));
        assertThat(m.at("/scenarios/in_distribution/metrics/coverage_50").asDouble()).isCloseTo(0.5, within(0.03));
        assertThat(m.at("/scenarios/in_distribution/ratio_to_reference/nll").asDouble()).isEqualTo(1.0);
        assertThat(m.at("/scenarios/noisy/metrics/coverage_90").asDouble()).isLessThan(0.65);
        assertThat(m.at("/scenarios/noisy/ratio_to_reference/rmse").asDouble()).isCloseTo(2, within(0.15));
        assertThat(m.at("/scenarios/biased/metrics/mace").asDouble()).isGreaterThan(m.at("/scenarios/in_distribution/metrics/mace").asDouble());
        assertThat(m.at("/scenarios/noisy/metrics/aurc").asDouble()).isLessThan(m.at("/scenarios/noisy/metrics/risk_at_100").asDouble());
        assertThat(m.at("/scenarios/noisy/groups").size()).isEqualTo(5);
        assertThat(m.at("/scenarios/noisy/worst_group/coverage_90/group").asText()).startsWith("bin");
        assertThat(m.at("/group_bin_edges").size()).isEqualTo(4);

        Path testRows = Cli.succeed("evaluate", tmp.resolve("eval_test"), "--predictions", "in_distribution=" + id, "--split", "test");
        assertThat(JSON.readTree(testRows.resolve("metrics.json").toFile()).at("/scenarios/in_distribution/metrics/n").asInt())
                .isEqualTo(1500);

        List<String> tsv = Files.readAllLines(out.resolve("metrics.tsv"));
        assertThat(tsv).hasSize(1 + 3 * 6);
        assertThat(tsv.get(0)).startsWith("scenario\tgroup\tn\trmse\tmae\tpearson");
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("<h1>RegShift shift report</h1>", "noisy", "biased");
        assertThat(html.split("src=\"data:image/png;base64,", -1)).hasSize(5);
        assertThat(html).doesNotContain("http://", "https://", "<script");
        for (String plot : List.of("coverage_noisy", "coverage_biased", "risk_noisy", "risk_biased")) {
            assertThat(out.resolve(plot + ".png")).isNotEmptyFile();
            assertThat(out.resolve(plot + ".svg")).isNotEmptyFile();
        }
        Path withRaw = Cli.succeed("evaluate", tmp.resolve("eval_raw"), "--predictions", "in_distribution=" + id, "noisy=" + noisy,
                "--uncalibrated-metrics", out.resolve("metrics.json"));
        assertThat(Files.readString(withRaw.resolve("report.html"))).contains("<h3>90% coverage, uncalibrated</h3>",
                "<li>Calibration moves the coverage of in_distribution from ");
        Cli.assertFailsCleanly(Cli.run("evaluate", "--predictions", "a=" + id, "--uncalibrated-metrics", id, "--out",
                tmp.resolve("bad")), 3, "id.tsv");
        Cli.assertFailsCleanly(Cli.run("evaluate", "--predictions", "other=" + id, "--uncalibrated-metrics",
                out.resolve("metrics.json"), "--out", tmp.resolve("bad")), 3, "has none of the evaluated scenarios (other)");
        assertThat(tmp.resolve("bad")).doesNotExist();
    }

    @Test
    void evaluateTakesCoverageAndWidthFromTheIntervalColumnsWhereTheTableHasThem() throws IOException {
        List<String> lines = Files.readAllLines(predictions("gaussian.tsv", 8, 1000, 1, 0));
        List<String> rows = new ArrayList<>(List.of(lines.get(0).replace("\tupper\t", "\tupper\tlower_0.5\tupper_0.5\t")));
        int inside90 = 0;
        int inside50 = 0;
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\t");
            double mu = Double.parseDouble(f[1]);
            double y = Double.parseDouble(f[7]);
            double lower = mu - 0.1;
            String upper = i <= 100 ? "Inf" : String.format(Locale.ROOT, "%.6f", mu + 2);
            inside90 += y >= lower && (i <= 100 || y <= Double.parseDouble(upper)) ? 1 : 0;
            inside50 += y >= mu - 1 && y <= mu ? 1 : 0;
            f[5] = String.format(Locale.ROOT, "%.6f", lower);
            f[6] = upper + "\t" + String.format(Locale.ROOT, "%.6f\t%.6f", mu - 1, mu);
            rows.add(String.join("\t", f));
        }
        Path asymmetric = Files.write(tmp.resolve("asymmetric.tsv"), rows);
        Path out = Cli.succeed("evaluate", tmp.resolve("eval"), "--predictions", "a=" + asymmetric, "--group-by", "split");
        JsonNode m = JSON.readTree(out.resolve("metrics.json").toFile()).at("/scenarios/a");
        assertThat(m.at("/metrics/coverage_90").asDouble()).isEqualTo(inside90 / 1000.0);
        assertThat(m.at("/metrics/coverage_50").asDouble()).isEqualTo(inside50 / 1000.0);
        assertThat(m.at("/metrics/width_50").asDouble()).isCloseTo(1, within(1e-6));
        assertThat(m.at("/metrics/width_90").asDouble()).as("over the 900 bounded intervals").isCloseTo(2.1, within(1e-6));
        assertThat(m.at("/metrics/unbounded_fraction").asDouble()).as("var_total is finite on every row").isZero();
        assertThat(m.at("/interval_source/90").asText()).isEqualTo("lower/upper");
        assertThat(m.at("/interval_source/50").asText()).isEqualTo("lower_0.5/upper_0.5");
        assertThat(m.at("/interval_source/80").asText()).isEqualTo("N(mean, var_total)");
        assertThat(m.at("/metrics/coverage_80").asDouble()).isBetween(0.75, 0.85);
        long testInside = 0;
        for (int i = 2; i < rows.size(); i += 2) {
            String[] f = rows.get(i).split("\t");
            double y = Double.parseDouble(f[9]);
            testInside += y >= Double.parseDouble(f[5]) && (f[6].equals("Inf") || y <= Double.parseDouble(f[6])) ? 1 : 0;
        }
        assertThat(m.at("/groups/test/coverage_90").asDouble()).isEqualTo(testInside / 500.0);

        Path selected = Cli.succeed("select", tmp.resolve("select"), "--predictions", asymmetric, "--score", "width",
                "--coverage", "0.5");
        List<Map<String, String>> accepted = Cli.table(selected.resolve("selected.tsv"));
        assertThat(accepted.subList(0, 100)).as("unbounded intervals are the widest").allMatch(r -> r.get("accept").equals("0"));

        Path gaussian = tmp.resolve("gaussian.tsv");
        Cli.assertFailsCleanly(Cli.run("evaluate", "--predictions", "a=" + gaussian, "--interval-level", "0.8", "--out",
                tmp.resolve("o")), 3, "gaussian.tsv: lower/upper are the central intervals of var_total at level 0.9, not at "
                + "--interval-level 0.8");
        String[] third = rows.get(3).split("\t");
        third[7] = "5";
        third[8] = "4";
        rows.set(3, String.join("\t", third));
        Path crossed = Files.write(tmp.resolve("crossed.tsv"), rows);
        Cli.assertFailsCleanly(Cli.run("evaluate", "--predictions", "a=" + crossed, "--out", tmp.resolve("o")), 3,
                "crossed.tsv line 4: lower_0.5 5 is above upper_0.5 4");
        assertThat(tmp.resolve("o")).doesNotExist();
    }

    @Test
    void commonIdsScoresEveryScenarioOnTheElementsAllOfThemHave() throws IOException {
        Path full = predictions("full.tsv", 8, 400, 1, 0);
        List<String> lines = Files.readAllLines(full);
        Path shifted = tmp.resolve("shifted.tsv");
        Files.write(shifted, lines.stream().filter(l -> !l.matches("e[0-9]*[05]\t.*")).toList()); // drops 80 of 400
        Path both = tmp.resolve("both.tsv");
        Files.write(both, lines.stream().filter(l -> !l.matches("e[0-9]*[05]\t.*") || l.startsWith("id")).toList());
        JsonNode report = JSON.readTree(Cli.succeed("evaluate", tmp.resolve("common"), "--predictions", "ref=" + full,
                "shifted=" + shifted, "--common-ids").resolve("metrics.json").toFile());
        JsonNode alone = JSON.readTree(Cli.succeed("evaluate", tmp.resolve("alone"), "--predictions", "ref=" + both)
                .resolve("metrics.json").toFile());
        assertThat(report.at("/scenarios/ref/metrics")).as("the reference on the 320 shared elements")
                .isEqualTo(alone.at("/scenarios/ref/metrics"));
        assertThat(report.at("/scenarios/ref/common_ids/table").asInt()).isEqualTo(400);
        assertThat(report.at("/scenarios/ref/common_ids/common").asInt()).isEqualTo(320);
        assertThat(report.at("/scenarios/ref/common_ids/left_out_fraction").asDouble()).isCloseTo(0.2, within(1e-12));
        assertThat(report.at("/scenarios/shifted/common_ids/left_out_fraction").asDouble()).isZero();
        JsonNode without = JSON.readTree(Cli.succeed("evaluate", tmp.resolve("without"), "--predictions", "ref=" + full,
                "shifted=" + shifted).resolve("metrics.json").toFile());
        assertThat(without.at("/scenarios/ref/metrics/n").asInt()).isEqualTo(400);
        assertThat(without.at("/scenarios/ref/common_ids").isMissingNode()).isTrue();

        Path other = tmp.resolve("other.tsv");
        Files.write(other, lines.stream().map(l -> l.startsWith("id") ? l : "x" + l).toList());
        Cli.assertFailsCleanly(Cli.run("evaluate", "--predictions", "ref=" + full, "other=" + other, "--common-ids", "--out",
                tmp.resolve("none")), 3, "other.tsv: shares no ID with the scenarios before it (--common-ids)");
        assertThat(tmp.resolve("none")).doesNotExist();
    }

    @Test
    void trueValuesMayComeApartFromThePredictionsInTheSameOrder() throws IOException {
        Path withY = predictions("with_y.tsv", 7, 500, 1, 0);
        List<String> lines = Files.readAllLines(withY);
        StringBuilder noY = new StringBuilder();
        StringBuilder truth = new StringBuilder("id\tactivity\n");
        for (String line : lines) {
            String[] f = line.split("\t");
            noY.append(String.join("\t", List.of(f).subList(0, 7))).append('\n');
            if (!f[0].equals("id")) {
                truth.append(f[0]).append('\t').append(f[7]).append('\n');
            }
        }
        Path predictions = tmp.resolve("no_y.tsv");
        Files.writeString(predictions, noY);
        Path truthFile = tmp.resolve("truth.tsv");
        Files.writeString(truthFile, truth);
        Path a = Cli.succeed("evaluate", tmp.resolve("a"), "--predictions", "x=" + withY);
        Path b = Cli.succeed("evaluate", tmp.resolve("b"), "--predictions", "x=" + predictions, "--truth", "x=" + truthFile,
                "--truth-column", "activity");
        assertThat(JSON.readTree(b.resolve("metrics.json").toFile()).at("/scenarios/x/metrics"))
                .isEqualTo(JSON.readTree(a.resolve("metrics.json").toFile()).at("/scenarios/x/metrics"));

        List<String> swapped = new ArrayList<>(Files.readAllLines(truthFile));
        Collections.swap(swapped, 3, 4);
        Files.write(truthFile, swapped);
        Cli.assertFailsCleanly(Cli.run("evaluate", "--predictions", "x=" + predictions, "--truth", "x=" + truthFile,
                "--truth-column", "activity", "--out", tmp.resolve("c")), 3,
                "truth.tsv line 4: ID 'e3' where " + predictions + " line 4 has 'e2'");
        Cli.assertFailsCleanly(Cli.run("select", "--predictions", predictions, "--truth", truthFile.resolveSibling("with_y.tsv"),
                "--truth-column", "nothing", "--out", tmp.resolve("c")), 3, "with_y.tsv line 1: needs columns 'id' and 'nothing'");
        Collections.swap(swapped, 3, 4);
        Files.write(truthFile, swapped.subList(0, 100));
        Cli.assertFailsCleanly(Cli.run("select", "--predictions", predictions, "--truth", truthFile,
                "--truth-column", "activity", "--out", tmp.resolve("c")), 3, "truth.tsv: ends before ID");
        assertThat(tmp.resolve("c")).doesNotExist();
    }

    @Test
    void badInputFailsCleanly() throws IOException {
        Path good = predictions("good.tsv", 6, 50, 1, 0);
        Path noY = tmp.resolve("noy.tsv");
        Files.writeString(noY, "id\tmean\tvar_total\ne1\t0.5\t1\n");
        Path zero = tmp.resolve("zero.tsv");
        Files.writeString(zero, "id\tmean\tvar_total\ty\ne1\t0.5\t1\t0\ne2\t0.5\t-1\t1\n");
        Path empty = tmp.resolve("empty.tsv");
        Files.writeString(empty, "id\tmean\tvar_total\ty\n");
        Path o = tmp.resolve("o");
        Cli.assertFailsCleanly(Cli.run("select", "--predictions", good, "--score", "entropy", "--out", o), 2,
                "--score' (NAME): expected one of var_total, var_epistemic, var_aleatoric, width, ood, not 'entropy'");
        Cli.assertFailsCleanly(Cli.run("select", "--predictions", good, "--coverage", "0.5", "--target-risk", "1",
                "--fit", good, "--out", o), 2, "give --coverage or --target-risk, not both");
        Cli.assertFailsCleanly(Cli.run("select", "--predictions", good, "--target-risk", "1", "--out", o), 2,
                "--target-risk needs --fit");
        Cli.assertFailsCleanly(Cli.run("select", "--predictions", good, "--coverage", "1.5", "--out", o), 2,
                "--coverage must be in (0, 1], not 1.5");
        Cli.assertFailsCleanly(Cli.run("select", "--predictions", noY, "--score", "ood", "--out", o), 3,
                "noy.tsv line 1: no 'ood' column");
        Cli.assertFailsCleanly(Cli.run("select", "--predictions", zero, "--out", o), 3,
                "zero.tsv line 3: var_total -1.0 is not positive");
        Cli.assertFailsCleanly(Cli.run("select", "--predictions", empty, "--out", o), 3,
                "empty.tsv: has no prediction rows");
        Cli.assertFailsCleanly(Cli.run("select", "--predictions", good, "--fit", noY, "--target-risk", "1", "--out", o),
                3, "noy.tsv line 1: no 'y' column");
        Cli.assertFailsCleanly(Cli.run("evaluate", "--predictions", "a" + good, "--out", o), 2,
                "--predictions takes NAME=FILE");
        Cli.assertFailsCleanly(Cli.run("evaluate", "--predictions", "a=" + good, "a=" + good, "--out", o), 2,
                "scenario name 'a' is given twice");
        Cli.assertFailsCleanly(Cli.run("evaluate", "--predictions", "a=" + good, "--reference", "b", "--out", o), 2,
                "--reference 'b' is not one of the scenarios");
        Cli.assertFailsCleanly(Cli.run("evaluate", "--predictions", "a=" + good, "b=" + noY, "--out", o), 3,
                "noy.tsv line 1: no 'y' column");
        Cli.assertFailsCleanly(Cli.run("evaluate", "--predictions", "a=" + good, "--group-by", "batch", "--out", o), 3,
                "good.tsv line 1: no column 'batch' to group by");
        Cli.assertFailsCleanly(Cli.run("evaluate", "--predictions", "a=" + good, "--split", "holdout", "--out", o), 3,
                "good.tsv: has no rows of split 'holdout'");
        Cli.assertFailsCleanly(Cli.run("select", "--predictions", good, "--fit", good, "--fit-split", "cal", "--out", o), 3,
                "good.tsv: has no rows of split 'cal'");
        assertThat(o).doesNotExist();
    }
}
