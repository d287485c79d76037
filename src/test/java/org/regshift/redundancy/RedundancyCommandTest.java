package org.regshift.redundancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regshift.seq.FastaReader;
import org.regshift.seq.SeqRecord;
import org.regshift.testing.Cli;
import org.regshift.testing.SharprData;
import org.regshift.testing.SimulatedModel;

/**
 * {@code regshift redundancy}: on Sharpr-MPRA HepG2 sequences with four liver motifs of JASPAR 2024
 * (sites, removal effects and their aggregation checked against an independent reading), and on a
 * simulated library against the simulator's motif effects and planted pairs.
 */
class RedundancyCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path JASPAR = Cli.TEST_DATA.resolve("jaspar/JASPAR2024_CORE_vertebrates_non-redundant_pfms_jaspar.txt");
    private static final List<String> LIVER = List.of("MA0114.5", "MA0046.3", "MA0047.4", "MA0466.4");
    private static final int SHARPR_ROWS = 150;

    @TempDir
    static Path shared;

    static Path model;
    static Path data;
    static Path motifs;
    static Path audit;

    @TempDir
    Path tmp;

    @BeforeAll
    static void auditASharprModelWithLiverMotifs() throws IOException {
        Path qc = Cli.succeed("qc", shared.resolve("qc"), "--counts", SharprData.OLIGOS, "--condition", "hepg2", "--seed", "1");
        model = Cli.succeed("train", shared.resolve("model"), "--data", qc.resolve("activity.tsv"), "--arch", "cnn-reference",
                "--epochs", "2", "--seed", "4");
        List<String> rows = Files.readAllLines(qc.resolve("activity.tsv"));
        data = shared.resolve("data.tsv");
        Files.write(data, rows.subList(0, SHARPR_ROWS + 1));
        motifs = shared.resolve("liver.jaspar");
        List<String> jaspar = Files.readAllLines(JASPAR);
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < jaspar.size(); i++) {
            if (jaspar.get(i).startsWith(">") && LIVER.contains(jaspar.get(i).substring(1).split("\\s")[0])) {
                picked.addAll(jaspar.subList(i, i + 5));
            }
        }
        Files.write(motifs, picked);
        audit = Cli.succeed("redundancy", shared.resolve("audit"), "--model", model, "--data", data, "--motifs", motifs,
                "--budget", "0", "--draws", "3");
    }

    private static List<Map<String, String>> table(Path file) throws IOException {
        List<String> lines;
        if (file.toString().endsWith(".gz")) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                    StandardCharsets.UTF_8))) {
                lines = in.lines().toList();
            }
        } else {
            lines = Files.readAllLines(file);
        }
        String[] header = lines.get(0).split("\t");
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], f[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    private static double num(Map<String, String> row, String column) {
        return Double.parseDouble(row.get(column));
    }

    /** JASPAR counts to log-odds as RegShift documents them: (n + 0.2) / (N + 0.8) against 0.25. */
    private static Map<String, double[][]> logOdds() throws IOException {
        Map<String, double[][]> out = new HashMap<>();
        List<String> lines = Files.readAllLines(motifs);
        for (int i = 0; i < lines.size(); i += 5) {
            String id = lines.get(i).substring(1).split("\\s")[0];
            double[][] counts = new double[4][];
            for (int b = 0; b < 4; b++) {
                String inner = lines.get(i + 1 + b).replaceAll("^[ACGT]\\s*\\[", "").replace("]", "").trim();
                counts[b] = java.util.Arrays.stream(inner.split("\\s+")).mapToDouble(Double::parseDouble).toArray();
            }
            int w = counts[0].length;
            double[][] score = new double[w][4];
            for (int p = 0; p < w; p++) {
                double n = counts[0][p] + counts[1][p] + counts[2][p] + counts[3][p];
                for (int b = 0; b < 4; b++) {
                    score[p][b] = Math.log((counts[b][p] + 0.2) / (n + 0.8) / 0.25) / Math.log(2);
                }
            }
            out.put(id, score);
        }
        return out;
    }

    private static double score(double[][] pwm, String bases, boolean minus) {
        double s = 0;
        for (int i = 0; i < pwm.length; i++) {
            char c = bases.charAt(minus ? pwm.length - 1 - i : i);
            int b = "ACGT".indexOf(c);
            s += pwm[i][minus ? 3 - b : b];
        }
        return s;
    }

    @Test
    void sitesScoreAboveTheThresholdDoNotOverlapAndTheCleanPredictionIsPredicts() throws IOException {
        Map<String, double[][]> pwms = logOdds();
        Map<String, String> sequences = new HashMap<>();
        table(data).forEach(r -> sequences.put(r.get("id"), r.get("sequence")));
        List<Map<String, String>> sites = table(audit.resolve("sites.tsv.gz"));
        assertThat(sites).hasSizeGreaterThan(100);
        Map<String, Integer> lastEnd = new HashMap<>();
        for (Map<String, String> s : sites) {
            double[][] pwm = pwms.get(s.get("motif"));
            String bases = sequences.get(s.get("id")).substring((int) num(s, "start") - 1, (int) num(s, "end"));
            double min = 0;
            double max = 0;
            for (double[] column : pwm) {
                min += java.util.Arrays.stream(column).min().orElseThrow();
                max += java.util.Arrays.stream(column).max().orElseThrow();
            }
            double best = score(pwm, bases, s.get("strand").equals("-"));
            assertThat(best).as(s.toString()).isCloseTo(num(s, "score"), within(1e-4))
                    .isGreaterThanOrEqualTo(min + 0.85 * (max - min) - 1e-9);
            assertThat((int) num(s, "start")).as("sites of one sequence do not overlap")
                    .isGreaterThan(lastEnd.getOrDefault(s.get("id"), 0));
            lastEnd.put(s.get("id"), (int) num(s, "end"));
        }
        Path predictions = tmp.resolve("p.tsv");
        assertThat(Cli.run("predict", "--model", model, "--data", data, "--out", predictions).exitCode()).isZero();
        Map<String, Double> mean = table(predictions).stream()
                .collect(Collectors.toMap(r -> r.get("id"), r -> num(r, "mean")));
        for (Map<String, String> s : sites) {
            assertThat(num(s, "prediction")).isCloseTo(mean.get(s.get("id")), within(1e-5));
        }
    }

    @Test
    void pairsAddUpAndMotifPairsAggregateThem() throws IOException {
        List<Map<String, String>> sites = table(audit.resolve("sites.tsv.gz"));
        List<Map<String, String>> pairs = table(audit.resolve("pairs.tsv.gz"));
        Map<String, Double> single = new HashMap<>();
        Map<String, Integer> perSequence = new HashMap<>();
        sites.forEach(s -> {
            single.put(s.get("id") + ":" + s.get("site"), num(s, "effect"));
            perSequence.merge(s.get("id"), 1, Integer::sum);
        });
        assertThat(pairs).hasSize(perSequence.values().stream().mapToInt(n -> n * (n - 1) / 2).sum());
        Map<String, double[]> byMotifPair = new HashMap<>();
        for (Map<String, String> p : pairs) {
            double a = single.get(p.get("id") + ":" + p.get("site_a"));
            double b = single.get(p.get("id") + ":" + p.get("site_b"));
            assertThat(num(p, "effect_a")).isCloseTo(a, within(1e-6));
            assertThat(num(p, "effect_b")).isCloseTo(b, within(1e-6));
            assertThat(num(p, "interaction")).isCloseTo(num(p, "joint") - a - b, within(1e-5));
            assertThat(num(p, "redundancy")).isCloseTo(Math.signum(num(p, "joint")) * num(p, "interaction"), within(1e-6));
            String key = p.get("motif_a").compareTo(p.get("motif_b")) <= 0 ? p.get("motif_a") + "+" + p.get("motif_b")
                    : p.get("motif_b") + "+" + p.get("motif_a");
            double[] sum = byMotifPair.computeIfAbsent(key, k -> new double[2]);
            sum[0] += num(p, "interaction");
            sum[1]++;
        }
        List<Map<String, String>> motifPairs = table(audit.resolve("motif_pairs.tsv"));
        assertThat(motifPairs).hasSize(byMotifPair.size());
        int ranked = 0;
        double previous = Double.POSITIVE_INFINITY;
        for (Map<String, String> m : motifPairs) {
            String key = m.get("motif_a").compareTo(m.get("motif_b")) <= 0 ? m.get("motif_a") + "+" + m.get("motif_b")
                    : m.get("motif_b") + "+" + m.get("motif_a");
            double[] sum = byMotifPair.get(key);
            assertThat(num(m, "site_pairs")).isEqualTo(sum[1]);
            assertThat(num(m, "interaction")).isCloseTo(sum[0] / sum[1], within(1e-5));
            if (!m.get("rank").equals("NA")) {
                ranked++;
                assertThat(Integer.parseInt(m.get("rank"))).isEqualTo(ranked);
                assertThat(Math.abs(num(m, "interaction"))).isLessThanOrEqualTo(previous);
                previous = Math.abs(num(m, "interaction"));
                assertThat(m.get("motif_a")).isNotEqualTo(m.get("motif_b"));
                assertThat(num(m, "site_pairs")).isGreaterThanOrEqualTo(5);
            }
        }
        assertThat(ranked).isPositive();
        JsonNode report = JSON.readTree(audit.resolve("redundancy.json").toFile());
        assertThat(report.at("/sequences").asInt()).isEqualTo(SHARPR_ROWS);
        assertThat(report.at("/sites").asInt()).isEqualTo(sites.size());
        assertThat(report.at("/site_pairs").asInt()).isEqualTo(pairs.size());
        assertThat(audit.resolve("motif_pairs.png")).isNotEmptyFile();
    }

    @Test
    void sameSeedSameBytes() throws IOException {
        Path again = Cli.succeed("redundancy", tmp.resolve("again"), "--model", model, "--data", data, "--motifs", motifs,
                "--budget", "0", "--draws", "3");
        for (String f : List.of("sites.tsv.gz", "pairs.tsv.gz", "motif_pairs.tsv", "motifs.tsv", "redundancy.json")) {
            assertThat(Files.readAllBytes(again.resolve(f))).as(f).isEqualTo(Files.readAllBytes(audit.resolve(f)));
        }
    }

    @Test
    void onSimulatedDataRemovalEffectsFollowTheTrueMotifEffectsAndTheMaskFindsTheBestMotif() throws IOException {
        Path fasta = tmp.resolve("sim.fa");
        StringBuilder text = new StringBuilder();
        try (FastaReader in = new FastaReader(SimulatedModel.library().resolve("sequences.fa.gz"), false)) {
            for (int i = 0; i < 100; i++) {
                SeqRecord r = in.next();
                text.append('>').append(r.id()).append('\n').append(r.bases()).append('\n');
            }
        }
        Files.writeString(fasta, text);
        Path scenario = SimulatedModel.library().resolve("scenario.json");
        Path defaults = tmp.resolve("defaults.jaspar");
        try (var in = RedundancyCommandTest.class.getResourceAsStream("/org/regshift/motif/default_motifs.jaspar")) {
            Files.copy(in, defaults);
        }
        Path out = Cli.succeed("redundancy", tmp.resolve("sim"), "--model", SimulatedModel.model(), "--data", fasta,
                "--motifs", defaults, "--truth", scenario, "--budget", "1", "--mask-steps", "30");
        JsonNode truth = JSON.readTree(scenario.toFile()).at("/truth/cell_programs/0/motif_effects");
        List<Double> removal = new ArrayList<>();
        List<Double> planted = new ArrayList<>();
        for (Map<String, String> m : table(out.resolve("motifs.tsv"))) {
            if (num(m, "sites") >= 10) {
                removal.add(-num(m, "mean_effect"));
                planted.add(truth.get(m.get("motif")).asDouble());
            }
        }
        assertThat(removal).hasSizeGreaterThan(8);
        assertThat(spearman(removal, planted)).as("removing a site loses what the simulator's effect adds").isGreaterThan(0.4);

        JsonNode report = JSON.readTree(out.resolve("redundancy.json").toFile());
        List<Map<String, String>> ranked = table(out.resolve("motif_pairs.tsv")).stream()
                .filter(m -> !m.get("rank").equals("NA")).toList();
        Set<Set<String>> plantedPairs = plantedPairs(JSON.readTree(scenario.toFile()).at("/truth"));
        for (Map<String, String> m : ranked) {
            assertThat(m.get("planted").equals("none")).as(m.toString())
                    .isNotEqualTo(plantedPairs.contains(Set.of(m.get("motif_a"), m.get("motif_b"))));
        }
        for (int k : new int[] {1, 3, 5}) {
            long hits = ranked.subList(0, k).stream().filter(m -> plantedPairs.contains(Set.of(m.get("motif_a"), m.get("motif_b"))))
                    .count();
            assertThat(report.at("/precision_at_k/" + k).asDouble()).isCloseTo((double) hits / k, within(1e-12));
        }
        assertThat(report.at("/planted_pairs").asInt()).isPositive();
        JsonNode budget = report.at("/global_mask/budgets/0");
        assertThat(budget.at("/exhaustive/sets").asInt()).isEqualTo(14);
        List<String> byMask = new ArrayList<>();
        budget.at("/mask").fieldNames().forEachRemaining(byMask::add);
        byMask.sort((a, b) -> Double.compare(budget.at("/mask/" + b).asDouble(), budget.at("/mask/" + a).asDouble()));
        assertThat(byMask.subList(0, 2)).as("the best motif among the mask's two most probable: " + budget)
                .contains(budget.at("/exhaustive/best/0").asText());
        assertThat(budget.at("/exhaustive/refined_rank").asInt()).as(budget.toString()).isEqualTo(1);
        assertThat(budget.at("/effect").asDouble()).isNegative();
    }

    /** The pairs scenario.json plants: two motifs of one redundancy group, or a cooperating pair of any cell type. */
    private static Set<Set<String>> plantedPairs(JsonNode truth) {
        Set<Set<String>> pairs = new HashSet<>();
        for (JsonNode group : truth.at("/redundancy_groups")) {
            for (int i = 0; i < group.size(); i++) {
                for (int j = i + 1; j < group.size(); j++) {
                    pairs.add(Set.of(group.get(i).asText(), group.get(j).asText()));
                }
            }
        }
        for (JsonNode cell : truth.at("/cell_programs")) {
            for (JsonNode pair : cell.at("/cooperativity")) {
                pairs.add(Set.of(pair.at("/motifs/0").asText(), pair.at("/motifs/1").asText()));
            }
        }
        return pairs;
    }

    private static double spearman(List<Double> x, List<Double> y) {
        double[] rx = ranks(x);
        double[] ry = ranks(y);
        double mx = java.util.Arrays.stream(rx).average().orElseThrow();
        double my = java.util.Arrays.stream(ry).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < rx.length; i++) {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    private static double[] ranks(List<Double> v) {
        double[] r = new double[v.size()];
        for (int i = 0; i < r.length; i++) {
            for (double other : v) {
                r[i] += other < v.get(i) ? 1 : 0;
            }
        }
        return r;
    }

    @Test
    void refusesMotifsLongerThanTheWindowAndBadOptions() throws IOException {
        Path longMotif = tmp.resolve("long.jaspar");
        String row = " 5".repeat(200);
        Files.writeString(longMotif, ">LONG1.1 TOOLONG\nA [" + row + " ]\nC [" + row + " ]\nG [" + row + " ]\nT [" + row + " ]\n");
        Path out = tmp.resolve("out");
        Cli.assertFailsCleanly(Cli.run("redundancy", "--model", model, "--data", data, "--motifs", longMotif,
                "--out", out), 3, "LONG1.1");
        assertThat(out).doesNotExist();
        Cli.assertFailsCleanly(Cli.run("redundancy", "--model", model, "--data", data, "--motifs", motifs,
                "--max-order", "3", "--out", out), 2, "--max-order");
        Cli.assertFailsCleanly(Cli.run("redundancy", "--model", model, "--data", data, "--motifs", motifs,
                "--site-threshold", "1.5", "--out", out), 2, "--site-threshold");
        Path notScenario = tmp.resolve("scenario.json");
        Files.writeString(notScenario, "{\"library\": \"x\"}");
        Cli.assertFailsCleanly(Cli.run("redundancy", "--model", model, "--data", data, "--motifs", motifs,
                "--truth", notScenario, "--out", out), 3, "scenario.json");
        assertThat(out).doesNotExist();
    }
}
