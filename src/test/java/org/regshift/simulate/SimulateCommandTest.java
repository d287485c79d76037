package org.regshift.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regshift.metrics.Metrics;
import org.regshift.motif.MotifReader;
import org.regshift.motif.Pwm;
import org.regshift.seq.FastaReader;
import org.regshift.testing.Cli;

/** {@code regshift simulate}: determinism, truth recovered by qc, and each scenario moving what it claims. */
class SimulateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path suiteDir;

    static Path suite;

    @TempDir
    Path tmp;

    @BeforeAll
    static void simulateSuite() {
        suite = Cli.succeed("simulate", suiteDir.resolve("suite"), "--suite", "--seed", "11", "--n", "2000", "--test-n", "2500");
    }

    @Test
    void sameSeedSameBytesWhateverTheThreadsAnotherSeedOtherData() throws IOException {
        Path one = Cli.succeed("simulate", tmp.resolve("one"), "--seed", "4", "--n", "3000", "--threads", "1", "--level", "barcode");
        Path two = Cli.succeed("simulate", tmp.resolve("two"), "--seed", "4", "--n", "3000", "--threads", "2", "--level", "barcode");
        Path other = Cli.succeed("simulate", tmp.resolve("other"), "--seed", "5", "--n", "3000", "--level", "barcode");
        for (String f : List.of("sequences.fa.gz", "counts.tsv.gz", "truth.tsv", "scenario.json")) {
            assertThat(Files.readAllBytes(two.resolve(f))).as(f).isEqualTo(Files.readAllBytes(one.resolve(f)));
            assertThat(Files.readAllBytes(other.resolve(f))).as(f).isNotEqualTo(Files.readAllBytes(one.resolve(f)));
        }
    }

    @Test
    void aLibraryOfTheSuiteAloneIsTheSameAsInTheWholeSuite() throws IOException {
        Path alone = Cli.succeed("simulate", tmp.resolve("alone"), "--suite", "--seed", "11", "--n", "2000", "--test-n", "2500",
                "--libraries", "gc_shift_mild,train");
        try (var dirs = Files.list(alone)) {
            assertThat(dirs.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("train", "gc_shift_mild",
                    "suite.json", "provenance.json");
        }
        for (String lib : List.of("train", "gc_shift_mild")) {
            for (String f : List.of("sequences.fa.gz", "counts.tsv.gz", "truth.tsv", "scenario.json")) {
                assertThat(Files.readAllBytes(alone.resolve(lib).resolve(f))).isEqualTo(Files.readAllBytes(suite.resolve(lib).resolve(f)));
            }
        }
    }

    @Test
    void qcRecoversTheReferenceTruthFromBarcodeAndElementCounts() throws IOException {
        Path lib = Cli.succeed("simulate", tmp.resolve("ref"), "--seed", "8", "--n", "4000", "--level", "barcode");
        Path barcodeQc = Cli.succeed("qc", tmp.resolve("qc_bc"), "--counts", lib.resolve("counts.tsv.gz"), "--fasta",
                lib.resolve("sequences.fa.gz"), "--condition", "ct1");
        assertThat(truthPearson(lib, barcodeQc, "ct1")).isGreaterThanOrEqualTo(0.95);
        JsonNode qc = JSON.readTree(barcodeQc.resolve("qc.json").toFile());
        assertThat(qc.at("/table/level").asText()).isEqualTo("barcode");
        assertThat(qc.at("/replicate_correlation/0/pearson").asDouble()).isGreaterThan(0.9);
        Path elementQc = Cli.succeed("qc", tmp.resolve("qc_el"), "--counts", suite.resolve("reference/counts.tsv.gz"),
                "--fasta", suite.resolve("reference/sequences.fa.gz"), "--condition", "ct2");
        assertThat(truthPearson(suite.resolve("reference"), elementQc, "ct2")).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void accuracyFallsAsDepthAndNoiseGetWorse() throws IOException {
        double reference = truthPearson(suite.resolve("reference"), qc("reference"), "ct1");
        for (String scenario : List.of("depth_shift", "heteroscedastic_noise")) {
            double previous = reference;
            for (String level : List.of("mild", "moderate", "severe")) {
                String name = scenario + "_" + level;
                double r = truthPearson(suite.resolve(name), qc(name), "ct1");
                assertThat(r).as(name).isLessThan(previous);
                previous = r;
            }
            assertThat(sd(errors(scenario + "_severe", null)[1])).as(scenario + " severe: measurement error SD grows by half or more")
                    .isGreaterThan(1.5 * sd(errors("reference", null)[1]));
        }
    }

    @Test
    void gcShiftMovesMeanGcBySeverityAndLeavesTheProgramsAlone() throws IOException {
        double reference = meanGc(suite.resolve("reference"));
        JsonNode refTruth = JSON.readTree(suite.resolve("reference/scenario.json").toFile()).get("truth");
        for (String level : List.of("mild", "moderate", "severe")) {
            Path lib = suite.resolve("gc_shift_" + level);
            JsonNode scenario = JSON.readTree(lib.resolve("scenario.json").toFile());
            double severity = scenario.get("severity").asDouble();
            assertThat(meanGc(lib) - reference).as(level).isCloseTo(severity, within(0.01));
            assertThat(scenario.get("truth")).isEqualTo(refTruth);
        }
    }

    @Test
    void rewiringChangesTheTruthOfTheSameSequencesAndBatchShiftOnlyTheCounts() throws IOException {
        Path ref = suite.resolve("reference");
        for (String lib : List.of("motif_rewiring_severe", "batch_shift_severe", "depth_shift_severe")) {
            assertThat(FastaReader.readAll(suite.resolve(lib).resolve("sequences.fa.gz"), false).values())
                    .as(lib).containsExactlyElementsOf(FastaReader.readAll(ref.resolve("sequences.fa.gz"), false).values());
        }
        double[] refTruth = column(ref.resolve("truth.tsv"), "activity_ct1");
        double[] rewired = column(suite.resolve("motif_rewiring_severe/truth.tsv"), "activity_ct1");
        assertThat(Metrics.pearson(refTruth, rewired)).isLessThan(0.8);
        assertThat(column(suite.resolve("batch_shift_severe/truth.tsv"), "activity_ct1")).containsExactly(refTruth);
        assertThat(Files.readAllBytes(suite.resolve("batch_shift_severe/counts.tsv.gz")))
                .isNotEqualTo(Files.readAllBytes(ref.resolve("counts.tsv.gz")));

        // half the elements are in the new batch: its GC-dependent bias shows as an error that grows with GC,
        // absent in the reference and in the old batches, and its factor (1 at severe) survives normalisation
        double[][] fresh = errors("batch_shift_severe", "batch_new");
        double[][] old = errors("batch_shift_severe", "batch1");
        assertThat(fresh[0].length).as("half of 2,500 elements").isBetween(1150, 1350);
        assertThat(slope(fresh)).isCloseTo(3.0, within(0.6));
        assertThat(slope(old)).isCloseTo(0.0, within(0.6));
        assertThat(slope(errors("reference", null))).isCloseTo(0.0, within(0.4));
        double oldFactor = JSON.readTree(suite.resolve("batch_shift_severe/scenario.json").toFile())
                .at("/truth/batch_log2_factors/0").asDouble();
        double newFactor = java.util.Arrays.stream(fresh[0]).map(gc -> 1 + 3 * (gc - 0.5)).average().orElseThrow();
        assertThat(mean(fresh[1]) - mean(old[1])).isCloseTo(newFactor - oldFactor, within(0.1));
    }

    @Test
    void cellTypeShiftReplacesTheProgram() throws IOException {
        assertThat(column(suite.resolve("cell_type_severe/truth.tsv"), "activity_ct1"))
                .containsExactly(column(suite.resolve("reference/truth.tsv"), "activity_ct2"), within(1e-6));
        JsonNode index = JSON.readTree(suite.resolve("suite.json").toFile());
        assertThat(index.get("libraries")).hasSize(2 + 7 * 3);
    }

    @Test
    void pwmPerturbationChangesWhatTheSitesLookLikeNotHowStrongTheyAre() throws IOException {
        double referenceSd = sd(column(suite.resolve("reference/truth.tsv"), "activity_ct1"));
        double referenceAffinity = meanAffinity(suite.resolve("reference"));
        double previous = referenceAffinity;
        for (String level : List.of("mild", "moderate", "severe")) {
            Path lib = suite.resolve("pwm_perturbation_" + level);
            assertThat(sd(column(lib.resolve("truth.tsv"), "activity_ct1")) / referenceSd).as(level).isBetween(0.8, 1.2);
            assertThat(meanAffinity(lib)).as(level + ": as strong under the perturbed PWMs").isCloseTo(referenceAffinity, within(0.05));
            double underReference = meanReferenceOccupancy(lib);
            assertThat(underReference).as(level + ": weaker under the PWMs of the training library").isLessThan(previous);
            previous = underReference;
        }
        assertThat(previous).as("severe").isLessThan(referenceAffinity / 2);
    }

    @Test
    void gcShiftStretchesTheTruthAndSevereNoiseDominatesActiveElements() throws IOException {
        double referenceSd = sd(column(suite.resolve("reference/truth.tsv"), "activity_ct1"));
        assertThat(sd(column(suite.resolve("gc_shift_severe/truth.tsv"), "activity_ct1")))
                .as("motif effects 1.6x at +0.2 GC").isGreaterThan(1.3 * referenceSd);

        String severe = "heteroscedastic_noise_severe";
        Map<String, double[]> truth = byId(suite.resolve(severe).resolve("truth.tsv"), "activity_ct1");
        Map<String, double[]> measured = byId(qc(severe).resolve("activity.tsv"), "activity");
        double median = new org.apache.commons.math3.stat.descriptive.rank.Median()
                .evaluate(measured.keySet().stream().mapToDouble(id -> truth.get(id)[0]).toArray());
        List<String> active = measured.keySet().stream().filter(id -> truth.get(id)[0] > median).toList();
        double[] trueActive = active.stream().mapToDouble(id -> truth.get(id)[0]).toArray();
        double[] noise = active.stream().mapToDouble(id -> measured.get(id)[0] - truth.get(id)[0]).toArray();
        assertThat(sd(noise)).as("measurement noise SD against the true SD of the active half").isGreaterThanOrEqualTo(sd(trueActive));
    }

    private Path qc(String library) {
        Path out = tmp.resolve("qc_" + library);
        if (Files.exists(out)) {
            return out;
        }
        return Cli.succeed("qc", out, "--counts", suite.resolve(library).resolve("counts.tsv.gz"), "--condition", "ct1",
                "--min-barcodes", "1");
    }

    /** {GC, qc activity - true activity} of the elements of a library in a batch (null: all), as two columns. */
    private double[][] errors(String library, String batch) throws IOException {
        Path lib = suite.resolve(library);
        Map<String, double[]> truth = byId(lib.resolve("truth.tsv"), "activity_ct1", "gc");
        Map<String, String> batches = Cli.table(lib.resolve("truth.tsv")).stream()
                .collect(java.util.stream.Collectors.toMap(r -> r.get("id"), r -> r.get("batch")));
        List<double[]> rows = new java.util.ArrayList<>();
        byId(qc(library).resolve("activity.tsv"), "activity").forEach((id, measured) -> {
            if (batch == null || batches.get(id).equals(batch)) {
                rows.add(new double[] {truth.get(id)[1], measured[0] - truth.get(id)[0]});
            }
        });
        return new double[][] {rows.stream().mapToDouble(r -> r[0]).toArray(), rows.stream().mapToDouble(r -> r[1]).toArray()};
    }

    private static double slope(double[][] gcAndError) {
        org.apache.commons.math3.stat.regression.SimpleRegression r = new org.apache.commons.math3.stat.regression.SimpleRegression();
        for (int k = 0; k < gcAndError[0].length; k++) {
            r.addData(gcAndError[0][k], gcAndError[1][k]);
        }
        return r.getSlope();
    }

    private static double mean(double[] values) {
        return java.util.Arrays.stream(values).average().orElseThrow();
    }

    static double truthPearson(Path library, Path qcOut, String cellType) throws IOException {
        Map<String, double[]> truth = byId(library.resolve("truth.tsv"), "activity_" + cellType);
        Map<String, double[]> measured = byId(qcOut.resolve("activity.tsv"), "activity");
        double[] x = new double[measured.size()];
        double[] y = new double[measured.size()];
        int i = 0;
        for (Map.Entry<String, double[]> e : measured.entrySet()) {
            x[i] = truth.get(e.getKey())[0];
            y[i++] = e.getValue()[0];
        }
        assertThat(x.length).isGreaterThan(truth.size() / 2);
        return Metrics.pearson(x, y);
    }

    private static double meanGc(Path library) {
        return FastaReader.readAll(library.resolve("sequences.fa.gz"), false).values().stream()
                .mapToDouble(org.regshift.seq.Alphabet::gcFraction).average().orElseThrow();
    }

    private static double meanAffinity(Path library) throws IOException {
        List<String> lines = Files.readAllLines(library.resolve("truth.tsv"));
        int sites = List.of(lines.get(0).split("\t")).indexOf("sites");
        return lines.stream().skip(1).map(l -> l.split("\t", -1)[sites]).filter(s -> !s.isEmpty())
                .flatMap(s -> java.util.Arrays.stream(s.split(";"))).mapToDouble(s -> Double.parseDouble(s.substring(s.lastIndexOf(':') + 1)))
                .average().orElseThrow();
    }

    /** The mean occupancy of a library's planted sites scored by the default (training) PWMs. */
    private static double meanReferenceOccupancy(Path library) throws IOException {
        Map<String, Pwm> motifs = new java.util.HashMap<>();
        MotifReader.defaults().forEach(m -> motifs.put(m.id(), m));
        Map<String, String> sequences = FastaReader.readAll(library.resolve("sequences.fa.gz"), false);
        return Cli.table(library.resolve("truth.tsv")).stream().filter(r -> !r.get("sites").isEmpty())
                .flatMap(r -> java.util.Arrays.stream(r.get("sites").split(";")).map(site -> {
                    String[] f = site.split(":");
                    return Occupancy.of(motifs.get(f[0]), sequences.get(r.get("id")), Integer.parseInt(f[1]) - 1, f[2].equals("-"));
                })).mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static double sd(double[] values) {
        return Math.sqrt(new org.apache.commons.math3.stat.descriptive.moment.Variance(false).evaluate(values));
    }

    private static double[] column(Path table, String name) throws IOException {
        return byId(table, name).values().stream().mapToDouble(v -> v[0]).toArray();
    }

    private static Map<String, double[]> byId(Path table, String... columns) throws IOException {
        List<String> lines = Files.readAllLines(table);
        List<String> header = List.of(lines.get(0).split("\t"));
        Map<String, double[]> out = new java.util.LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            double[] v = new double[columns.length];
            for (int k = 0; k < columns.length; k++) {
                v[k] = Double.parseDouble(f[header.indexOf(columns[k])]);
            }
            out.put(f[0], v);
        }
        return out;
    }
}
