package org.regshift.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.regshift.testing.DebianPackages;
import org.regshift.testing.HeadlessChromium;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Nextflow pipeline end to end, resumed, stubbed, configured per profile, and one module reused. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SCENARIOS = List.of("gc_shift", "motif_rewiring", "pwm_perturbation", "cell_type",
            "depth_shift", "batch_shift", "heteroscedastic_noise");

    @TempDir
    static Path runDir;

    @BeforeAll
    static void multiqc() {
        DebianPackages.ensureMultiqc();
    }

    @Test
    @Order(1)
    void testProfileRunsTheBenchmarkEndToEndAndResumesFromCache() throws Exception {
        Path results = runDir.resolve("results");
        Nextflow.Result first = Nextflow.run(runDir, "run", Nextflow.REPO.toString(), "-profile", "test", "--outdir", results.toString());
        assertThat(first.exitCode()).as(first.output()).isZero();

        for (String library : libraries()) {
            Path qc = results.resolve("qc").resolve(library);
            JsonNode metrics = JSON.readTree(qc.resolve("qc.json").toFile());
            assertThat(metrics.at("/elements/kept").asInt()).as(library).isGreaterThan(library.equals("train") ? 1000 : 400);
            assertThat(metrics.at("/replicate_correlation/0/pearson").asDouble()).as(library)
                    .isBetween(List.of("train", "reference").contains(library) ? 0.9 : 0.0, 1.0);
            assertThat(Files.readAllLines(qc.resolve("activity.tsv")).get(0)).startsWith("id\tsequence\tactivity\t");
            assertThat(results.resolve("simulate").resolve(library).resolve("truth.tsv")).isNotEmptyFile();
        }
        for (String library : libraries().subList(1, libraries().size())) {
            List<String> predictions = Files.readAllLines(results.resolve("predict").resolve(library + ".predictions.tsv"));
            assertThat(predictions).as(library).hasSize(Files.readAllLines(results.resolve("qc").resolve(library)
                    .resolve("activity.tsv")).size());
            assertThat(predictions.get(0)).startsWith("id\tmean\tvar_aleatoric\tvar_epistemic\tvar_total\tlower\tupper\ty");
            assertThat(predictions.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split("\t")[3])).max().orElseThrow())
                    .as("epistemic variance of a 2-member ensemble").isPositive();
        }
        assertThat(JSON.readTree(results.resolve("model/model.json").toFile()).at("/members").size()).isEqualTo(2);
        JsonNode calibration = JSON.readTree(results.resolve("calibrate/calibration.json").toFile());
        assertThat(calibration.at("/applied").size()).isEqualTo(libraries().size());
        assertThat(calibration.at("/applied/reference/after/coverage/0.9").asDouble()).isBetween(0.8, 0.97);
        assertThat(results.resolve("calibrate/gc_shift_moderate.calibrated.tsv")).isNotEmptyFile();
        double reference = pearson(results, "reference");
        assertThat(pearson(results, "depth_shift_moderate")).isLessThan(reference);
        for (String library : libraries().subList(1, libraries().size())) {
            JsonNode selection = JSON.readTree(results.resolve("select").resolve(library).resolve("selection.json").toFile());
            assertThat(selection.at("/fit/coverage").asDouble()).as(library).isCloseTo(0.5, within(0.01));
            assertThat(selection.at("/scores/var_total/aurc").asDouble()).as(library).isPositive();
            if (library.equals("reference")) {
                assertThat(selection.at("/scores/var_total/aurc").asDouble()).as("ranking by var_total helps in distribution")
                        .isLessThan(selection.at("/scores/var_total/full_risk").asDouble());
            }
        }
        JsonNode metrics = JSON.readTree(results.resolve("evaluate/metrics.json").toFile());
        assertThat(metrics.at("/scenarios").size()).isEqualTo(libraries().size() - 1);
        assertThat(metrics.at("/scenarios/depth_shift_moderate/ratio_to_reference/rmse").asDouble()).isGreaterThan(1.0);
        assertThat(metrics.at("/scenarios/gc_shift_moderate/groups").size()).isEqualTo(5);
        int common = metrics.at("/scenarios/reference/common_ids/common").asInt();
        assertThat(common).as("the elements every library kept through qc").isPositive();
        metrics.at("/scenarios").forEach(s -> assertThat(s.at("/common_ids/common").asInt()).isEqualTo(common));
        metrics.at("/scenarios").forEach(s -> assertThat(s.at("/metrics/n").asInt()).isEqualTo(common));
        assertThat(results.resolve("evaluate_raw/metrics.json")).isNotEmptyFile();
        assertThat(results.resolve("report.html")).content().contains("RegShift shift report").contains("gc_shift_moderate")
                .contains("<h3>90% coverage, uncalibrated</h3>", "<b>Model:</b> cnn, an ensemble of 2", "<li>Calibration moves");
        HeadlessChromium.Rendered page = HeadlessChromium.render(results.resolve("report.html"), 1400, 1800,
                Path.of("target/report-default-run.png"));
        assertThat(page.errors()).isEmpty();
        assertThat(page.scrollWidth()).as("no horizontal scroll at 1400 px").isLessThanOrEqualTo(page.windowWidth());
        assertThat(page.brokenImages()).isZero();
        assertThat(page.images()).as("a coverage and a risk panel per family").isEqualTo(2 * (libraries().size() - 2));
        assertThat(results.resolve("pipeline_info/software_versions.yml")).content().contains("regshift: 0.1.0");
        assertThat(results.resolve("pipeline_info/report.html")).isNotEmptyFile();
        assertThat(results.resolve("multiqc/multiqc_report.html")).content().contains("RegShift QC: barcodes per replicate");
        assertThat(results.resolve("multiqc/multiqc_data/multiqc_data.json")).content()
                .as("every library's qc under its own name").contains("train_1", "reference_2", "depth_shift_moderate_1");

        Nextflow.Result again = Nextflow.run(runDir, "run", Nextflow.REPO.toString(), "-profile", "test", "--outdir",
                results.toString(), "-resume");
        assertThat(again.exitCode()).as(again.output()).isZero();
        Map<String, Long> statuses = traceStatuses(results.resolve("pipeline_info/trace.txt"));
        // simulate and qc per library, 2 members, their merge, predict per library, calibrate, select per test
        // library, evaluate calibrated and raw, MultiQC
        long tasks = 2L * libraries().size() + 2 + 1 + libraries().size() + 1 + (libraries().size() - 1) + 2 + 1;
        assertThat(statuses).containsOnlyKeys("CACHED").containsEntry("CACHED", tasks);
    }

    @Test
    @Order(2)
    void stubRunCoversTheWholePipeline() {
        Path dir = runDir.resolve("stub");
        Nextflow.Result r = Nextflow.run(dir, "run", Nextflow.REPO.toString(), "-stub-run", "--outdir", dir.resolve("results").toString());
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("REGSHIFT_SIMULATE").contains("REGSHIFT_QC").contains("REGSHIFT_TRAIN")
                .contains("REGSHIFT_ENSEMBLE").contains("REGSHIFT_PREDICT").contains("REGSHIFT_CALIBRATE")
                .contains("REGSHIFT_SELECT").contains("REGSHIFT_EVALUATE").contains("REGSHIFT_EVALUATE_RAW");
        assertThat(dir.resolve("results/report.html")).exists();
        assertThat(dir.resolve("results/qc/cell_type_severe/qc.json")).exists();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    @Order(2)
    void aRunWithoutMultiqcInstalledOrWithSkipMultiqcEndsWithoutIt(boolean skipFlag) throws IOException {
        Path dir = runDir.resolve("no-multiqc-" + skipFlag);
        List<String> args = new ArrayList<>(List.of("run", Nextflow.REPO.toString(), "-stub-run", "--outdir",
                dir.resolve("results").toString()));
        if (skipFlag) {
            args.add("--skip_multiqc");
        }
        Map<String, String> environment = skipFlag ? Map.of() : Map.of("PATH", pathWithout("multiqc", dir.resolve("bin")));
        Nextflow.Result r = Nextflow.run(environment, dir, args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("REGSHIFT_EVALUATE").doesNotContain("MULTIQC")
                .contains(skipFlag ? "MultiQC: skipped (--skip_multiqc)" : "MultiQC: skipped, multiqc is not on the PATH");
        assertThat(dir.resolve("results/report.html")).exists();
        assertThat(dir.resolve("results/multiqc")).doesNotExist();
    }

    /** A PATH of one directory linking every program of this PATH but {@code tool} (the first of a name wins). */
    private static String pathWithout(String tool, Path bin) throws IOException {
        List<Path> programs = new ArrayList<>();
        for (String entry : System.getenv("PATH").split(File.pathSeparator)) {
            if (Files.isDirectory(Path.of(entry))) {
                try (var listing = Files.list(Path.of(entry))) {
                    programs.addAll(listing.toList());
                }
            }
        }
        Files.createDirectories(bin);
        for (Path program : programs) {
            Path link = bin.resolve(program.getFileName());
            if (!program.endsWith(tool) && Files.notExists(link, LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(link, program);
            }
        }
        return bin.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"test", "podman", "docker", "apptainer", "slurm", "awsbatch", "google_batch", "k8s"})
    @Order(3)
    void everyProfileParses(String profile) {
        Nextflow.Result r = Nextflow.run(runDir.resolve("config-" + profile), "config", Nextflow.REPO.toString(), "-profile", profile);
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("outdir").contains("REGSHIFT_QC");
    }

    @Test
    @Order(4)
    void unknownOrIllTypedParametersStopTheRunAtStart() throws IOException {
        Path dir = runDir.resolve("bad-params");
        Nextflow.Result r = Nextflow.run(dir, "run", Nextflow.REPO.toString(), "-stub-run", "--nn", "5", "--seed", "one");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.output()).contains("unknown parameter --nn").contains("--seed must be an integer, not 'one'");
        assertThat(r.output()).doesNotContain("Submitted process");
        try (var tasks = Files.list(dir.resolve("work"))) {
            assertThat(tasks).isEmpty();
        }
    }

    @Test
    @Order(5)
    void aModuleRunsInsideSomeoneElsesPipeline() throws IOException {
        Path dir = runDir.resolve("reuse");
        Path counts = Nextflow.REPO.resolve("test-data/sharpr/sharpr_pilot_oligo_counts.tsv");
        Nextflow.Result r = Nextflow.run(dir, "run", Nextflow.REPO.resolve("src/test/resources/nextflow/reuse/main.nf").toString(),
                "--counts", counts.toString(), "--motifs",
                Nextflow.REPO.resolve("test-data/jaspar/JASPAR2024_CORE_vertebrates_non-redundant_pfms_jaspar.txt").toString(),
                "--outdir", dir.resolve("out").toString());
        assertThat(r.exitCode()).as(r.output()).isZero();
        Path qcJson = Path.of(Files.readAllLines(dir.resolve("out/qc_files.txt")).get(0));
        assertThat(JSON.readTree(qcJson.toFile()).at("/replicate_correlation/0/pearson").asDouble()).isGreaterThan(0.95);
    }

    @Test
    @Order(5)
    void auditModulesRunInsideSomeoneElsesPipeline() throws IOException {
        Path dir = runDir.resolve("audits");
        Path counts = Nextflow.REPO.resolve("test-data/sharpr/sharpr_pilot_oligo_counts.tsv");
        Nextflow.Result r = Nextflow.run(dir, "run", Nextflow.REPO.resolve("src/test/resources/nextflow/audits/main.nf").toString(),
                "--counts", counts.toString(), "--motifs",
                Nextflow.REPO.resolve("test-data/jaspar/JASPAR2024_CORE_vertebrates_non-redundant_pfms_jaspar.txt").toString(),
                "--outdir", dir.resolve("out").toString());
        assertThat(r.exitCode()).as(r.output()).isZero();
        List<String> files = Files.readAllLines(dir.resolve("out/audit_files.txt"));
        JsonNode attack = JSON.readTree(Path.of(files.stream().filter(f -> f.endsWith("attack.json")).findFirst().orElseThrow()).toFile());
        assertThat(attack.at("/method").asText()).isEqualTo("substitution");
        assertThat(attack.at("/attacks").size()).isEqualTo(2);
        JsonNode explain = JSON.readTree(Path.of(files.stream().filter(f -> f.endsWith("explain.json")).findFirst().orElseThrow()).toFile());
        assertThat(explain.at("/sequences").asInt()).isEqualTo(2250);
        assertThat(explain.at("/methods/grad-x-input/stability/random_substitutions").isNumber()).isTrue();
        JsonNode redundancy = JSON.readTree(Path.of(files.stream().filter(f -> f.endsWith("redundancy.json")).findFirst()
                .orElseThrow()).toFile());
        assertThat(redundancy.at("/sequences").asInt()).isEqualTo(2250);
        assertThat(redundancy.at("/site_pairs").asInt()).isPositive();
        assertThat(redundancy.at("/global_mask/budgets/0/learned").size()).isEqualTo(1);
    }

    @Test
    @Order(6)
    void measuredActivitiesWithFoldsRunThroughPrepareAndTheOtherCellTypesBecomeShiftScenarios() throws IOException {
        Path dir = runDir.resolve("activity");
        Path results = dir.resolve("results");
        Path sample = results.resolve("hepg2"); // one sample, named by its target column
        Nextflow.Result r = Nextflow.run(dir, "run", Nextflow.REPO.toString(), "--activity",
                Nextflow.REPO.resolve("test-data/agarwal2025/joint_library_sample.tsv.gz").toString(), "--target_column", "hepg2",
                "--split_column", "fold", "--train_splits", "1-8", "--valid_splits", "9", "--test_splits", "10",
                "--shift_columns", "k562,wtc11", "--ensemble", "1", "--epochs", "2", "--calibration", "weighted-conformal",
                "--max_cpus", "2", "--outdir", results.toString());
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).doesNotContain("REGSHIFT_QC");
        // without --arch a sample's data train legnet, in a task given the memory legnet needs
        assertThat(JSON.readTree(sample.resolve("model/model.json").toFile()).at("/architecture").asText()).isEqualTo("legnet");
        JsonNode metrics = JSON.readTree(sample.resolve("evaluate/metrics.json").toFile());
        assertThat(metrics.at("/split").asText()).isEqualTo("test");
        for (String scenario : List.of("hepg2", "k562", "wtc11")) {
            assertThat(metrics.at("/scenarios/" + scenario + "/metrics/n").asInt()).as(scenario).isEqualTo(113); // fold 10 of the sample
        }
        assertThat(metrics.at("/scenarios/k562/metrics/pearson").asDouble())
                .isNotEqualTo(metrics.at("/scenarios/hepg2/metrics/pearson").asDouble());
        assertThat(sample.resolve("prepare/hepg2/shift_wtc11.tsv")).isNotEmptyFile();
        // no calibration split: the calibrator is fitted on the validation split (fold 9 of the sample)
        JsonNode calibration = JSON.readTree(sample.resolve("calibrate/calibration.json").toFile());
        assertThat(calibration.at("/fit/n").asInt()).isEqualTo(122);
        // weighted conformal: one density ratio per table, whose unbounded rows (if any) select and evaluate read
        assertThat(calibration.at("/method").asText()).isEqualTo("weighted-conformal");
        assertThat(calibration.at("/applied").elements()).toIterable()
                .allSatisfy(t -> assertThat(t.at("/weights/effective_sample_size").asDouble()).isBetween(1.0, 122.0));
        List<Path> calibrated;
        try (var files = Files.list(sample.resolve("calibrate"))) {
            calibrated = files.filter(f -> f.toString().endsWith(".calibrated.tsv")).toList();
        }
        assertThat(calibrated).hasSize(1);
        List<String[]> rows = Files.readAllLines(calibrated.get(0)).stream().map(l -> l.split("\t")).toList();
        List<String> header = List.of(rows.get(0));
        long unboundedTestRows = rows.stream().skip(1).filter(f -> f[header.indexOf("split")].equals("test"))
                .filter(f -> f[header.indexOf("var_total")].equals("Inf")).count();
        assertThat(metrics.at("/scenarios/hepg2/metrics/unbounded_fraction").asDouble() * 113)
                .as("evaluate counts the Inf rows of the test split").isCloseTo(unboundedTestRows, within(1e-9));
    }

    @Test
    @Order(6)
    void yourDataRunsThroughEveryStepWithVariantsAndChunkedPredictionGivesTheSameBytes() throws IOException, InterruptedException {
        Path dir = runDir.resolve("data");
        Path results = dir.resolve("results");
        Path sample = results.resolve("hepg2"); // one sample, named by its condition
        Path counts = Nextflow.REPO.resolve("test-data/sharpr/sharpr_pilot_oligo_counts.tsv");
        Nextflow.Result r = Nextflow.run(dir, "run", Nextflow.REPO.toString(), "--counts", counts.toString(), "--condition", "hepg2",
                "--split_by", "region_id", "--ensemble", "1", "--epochs", "2", "--chunk_size", "1024", "--max_cpus", "2",
                "--arch", "cnn", // the steps after training are this test's subject; legnet's run is the activity test's
                "--vcf", Nextflow.REPO.resolve("test-data/kircher2019/satmut_variants_elements.vcf.gz").toString(),
                "--reference", Nextflow.REPO.resolve("test-data/kircher2019/satmut_element_regions_GRCh38.fa").toString(),
                "--truth_info", "COEF", "--variant_window", "inside", "--outdir", results.toString());
        assertThat(r.exitCode()).as(r.output()).isZero();
        Path predictions = sample.resolve("predict/hepg2.predictions.tsv");
        assertThat(sample.resolve("predict")).isDirectoryNotContaining("glob:**chunk*");
        Path direct = dir.resolve("direct.tsv");
        Process predict = new ProcessBuilder(Nextflow.REPO.resolve("workflows/bin/regshift").toString(), "predict", "--model",
                sample.resolve("model").toString(), "--data", sample.resolve("qc/hepg2/activity.tsv").toString(), "--out",
                direct.toString(), "--threads", "1").redirectErrorStream(true).start(); // the chunk tasks' task.cpus
        String log = new String(predict.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(predict.waitFor()).as(log).isZero();
        assertThat(Files.readAllLines(predictions)).hasSize(2251).containsExactlyElementsOf(Files.readAllLines(direct));
        JsonNode metrics = JSON.readTree(sample.resolve("evaluate/metrics.json").toFile());
        assertThat(metrics.at("/split").asText()).isEqualTo("test");
        assertThat(metrics.at("/scenarios/hepg2/metrics/n").asInt()).isBetween(150, 400);
        assertThat(sample.resolve("select/hepg2/selection.json")).isNotEmptyFile();
        assertThat(sample.resolve("report.html")).content().contains("<i>hepg2</i>", "By gc on hepg2: the worst group",
                "<li>Calibration moves the coverage of hepg2 from").doesNotContain("Where the model breaks");
        assertThat(sample.resolve("evaluate_raw/metrics.json")).isNotEmptyFile();
        JsonNode variants = JSON.readTree(sample.resolve("variants/summary.json").toFile());
        assertThat(variants.at("/alleles_scored").asInt()).isEqualTo(33498);
        assertThat(variants.at("/window/placement").asText()).isEqualTo("inside the contig");
        assertThat(variants.at("/per_contig/F9/measured/effects").asInt()).isPositive();
        assertThat(sample.resolve("variants/variants.vcf.gz")).isNotEmptyFile();
    }

    @Test
    @Order(6)
    void aSamplesheetRunsEverySampleIntoItsOwnTreeWithOneMultiQcReportAndResumesFromCache() throws IOException {
        Path dir = runDir.resolve("samplesheet");
        Path results = dir.resolve("results");
        Files.createDirectories(dir);
        // paths relative to the samplesheet's directory
        String counts = dir.relativize(Nextflow.REPO.resolve("test-data/sharpr/sharpr_pilot_oligo_counts.tsv")).toString();
        String activity = dir.relativize(Nextflow.REPO.resolve("test-data/agarwal2025/joint_library_sample.tsv.gz")).toString();
        Path sheet = Files.writeString(dir.resolve("samples.csv"), String.join("\n",
                "sample,counts,condition,split_by,activity,target_column",
                "sharpr_hepg2," + counts + ",hepg2,region_id,,",
                "sharpr_k562," + counts + ",k562,region_id,,",
                "joint_k562,,,," + activity + ",k562", ""));
        String[] args = {"run", Nextflow.REPO.toString(), "--input", sheet.toString(), "--split_column", "fold", "--train_splits", "1-8",
            "--valid_splits", "9", "--test_splits", "10", "--ensemble", "1", "--epochs", "1", "--max_cpus", "2", "--arch", "cnn",
            "--outdir", results.toString()};
        Nextflow.Result r = Nextflow.run(dir, args);
        assertThat(r.exitCode()).as(r.output()).isZero();
        long tasks = Nextflow.trace(results.resolve("pipeline_info/trace.txt")).size();
        // qc twice, prepare once; per sample one member, its ensemble, predict, calibrate, select, evaluate raw and
        // calibrated; MultiQC once
        assertThat(tasks).isEqualTo(2 + 1 + 3 * 7 + 1);

        Map<String, String> conditions = Map.of("sharpr_hepg2", "hepg2", "sharpr_k562", "k562");
        for (String sample : List.of("sharpr_hepg2", "sharpr_k562", "joint_k562")) {
            Path tree = results.resolve(sample);
            assertThat(tree.resolve("report.html")).as(sample).content().contains("RegShift shift report");
            assertThat(JSON.readTree(tree.resolve("model/model.json").toFile()).at("/members").size()).isEqualTo(1);
            assertThat(tree.resolve("predict/" + sample + ".predictions.tsv")).isNotEmptyFile();
            if (conditions.containsKey(sample)) {
                assertThat(JSON.readTree(tree.resolve("qc/" + sample + "/qc.json").toFile()).at("/table/condition").asText())
                        .isEqualTo(conditions.get(sample));
            } else {
                assertThat(tree.resolve("prepare/" + sample + "/activity.tsv")).isNotEmptyFile();
            }
        }
        assertThat(JSON.readTree(results.resolve("sharpr_k562/qc/sharpr_k562/qc.json").toFile()).at("/replicate_correlation/0/pearson")
                .asDouble()).as("K562 replicates agree less than HepG2's").isLessThan(JSON.readTree(results
                .resolve("sharpr_hepg2/qc/sharpr_hepg2/qc.json").toFile()).at("/replicate_correlation/0/pearson").asDouble());
        List<String> summary = Files.readAllLines(results.resolve("summary/samples.tsv"));
        assertThat(summary.get(0)).isEqualTo("sample\tscenario\tn\tpearson\tspearman\trmse\tnll\tcoverage_90_uncalibrated\tcoverage_90");
        assertThat(summary).hasSize(4);
        assertThat(summary.get(1)).startsWith("joint_k562\tjoint_k562\t113\t");
        assertThat(summary.get(2)).startsWith("sharpr_hepg2\tsharpr_hepg2\t");
        String multiqc = Files.readString(results.resolve("multiqc/multiqc_report.html"));
        assertThat(multiqc).contains("RegShift QC: barcodes per replicate", "RegShift: model accuracy per sample", "Software versions");
        String data = Files.readString(results.resolve("multiqc/multiqc_data/multiqc_data.json"));
        assertThat(data).contains("sharpr_hepg2_rep1", "sharpr_k562_rep2", "joint_k562", "REGSHIFT_PREPARE", "Nextflow");

        Nextflow.Result again = Nextflow.run(dir, Nextflow.resumed(args));
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(traceStatuses(results.resolve("pipeline_info/trace.txt"))).as("every task of the first run")
                .containsOnlyKeys("CACHED").containsEntry("CACHED", tasks);
    }

    @ParameterizedTest
    @ValueSource(strings = {"missing file", "unknown column", "repeated column", "duplicate sample", "both counts and activity",
        "local work dir"})
    @Order(6)
    void aBadSamplesheetOrACloudProfileWithALocalWorkDirStopsTheRunBeforeAnyTaskWithOneLine(String problem) throws IOException {
        Path dir = runDir.resolve("bad-" + problem.replace(' ', '-'));
        Files.createDirectories(dir);
        String counts = Nextflow.REPO.resolve("test-data/sharpr/sharpr_pilot_oligo_counts.tsv").toString();
        String activity = Nextflow.REPO.resolve("test-data/agarwal2025/joint_library_sample.tsv.gz").toString();
        String sheet = switch (problem) {
            case "missing file" -> "sample,counts\ns1," + counts + "\ns2,no_such_counts.tsv\n";
            case "unknown column" -> "sample,counts,colour\ns1," + counts + ",red\n";
            case "repeated column" -> "\uFEFFsample,counts,sample\ns1," + counts + ",s2\n";
            case "duplicate sample" -> "sample,counts,condition\ns1," + counts + ",hepg2\ns1," + counts + ",k562\n";
            case "both counts and activity" -> "sample,counts,activity\ns1," + counts + "," + activity + "\n";
            default -> "sample,counts\ns1," + counts + "\n";
        };
        String expected = switch (problem) {
            case "missing file" -> "samples.csv line 3: counts 'no_such_counts.tsv' does not exist";
            case "unknown column" -> "samples.csv line 1: unknown column 'colour' (expected some of: sample, counts,";
            case "repeated column" -> "samples.csv line 1: column 'sample' appears twice";
            case "duplicate sample" -> "samples.csv: sample 's1' appears twice";
            case "both counts and activity" -> "samples.csv line 2: exactly one of counts, activity expected";
            default -> "-profile awsbatch needs a work directory on s3:// (-work-dir s3://BUCKET/work), not file://";
        };
        List<String> args = new ArrayList<>(List.of("run", Nextflow.REPO.toString(), "--input",
                Files.writeString(dir.resolve("samples.csv"), sheet).toString(), "--outdir", dir.resolve("results").toString()));
        if (problem.equals("local work dir")) {
            args.addAll(List.of("-profile", "awsbatch", "--aws_queue", "regshift-queue"));
        }
        // no plugin repository is reachable here: without NXF_PLUGINS_DEFAULT=false Nextflow would stop on fetching
        // nf-amazon before the pipeline's own check, which it reaches on a machine online
        Nextflow.Result r = Nextflow.run(Map.of("NXF_PLUGINS_DEFAULT", "false"), dir, args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
        assertThat(r.output().lines().filter(l -> l.contains(expected))).as(r.output()).hasSize(1);
        assertThat(r.output()).doesNotContain("Submitted process");
        assertThat(dir.resolve("work")).satisfiesAnyOf(w -> assertThat(w).doesNotExist(), w -> assertThat(w).isEmptyDirectory());
        try (var published = Files.list(dir.resolve("results"))) {
            assertThat(published).as("nothing but Nextflow's own reports").map(p -> p.getFileName().toString())
                    .containsOnly("pipeline_info");
        }
        assertThat(Files.readAllLines(dir.resolve("results/pipeline_info/trace.txt"))).as("no task in the trace").hasSize(1);
    }

    @Test
    @Order(7)
    void aPipelineKilledMidRunResumesAndReusesEveryTaskThatHadCompleted() throws Exception {
        Path dir = runDir.resolve("killed");
        Path results = dir.resolve("results");
        String[] args = {"run", Nextflow.REPO.toString(), "-profile", "test", "--scenarios", "gc_shift,depth_shift", "--n", "800",
            "--test_n", "300", "--epochs", "1", "--outdir", results.toString()};
        Process nextflow = Nextflow.start(dir, args);
        Path trace = results.resolve("pipeline_info/trace.txt");
        Set<String> completed = Set.of();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (completed.size() < 5 && nextflow.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            completed = hashes(Nextflow.trace(trace), "COMPLETED");
        }
        assertThat(completed).as("tasks finished before the kill").hasSizeGreaterThanOrEqualTo(5);
        Thread.sleep(3000); // Nextflow records a finished task in its cache asynchronously, just after the trace
        assertThat(nextflow.isAlive()).as("the pipeline is still running when it is killed").isTrue();
        // as if the machine died: every task process, then Nextflow itself, with SIGKILL
        nextflow.descendants().forEach(ProcessHandle::destroyForcibly);
        nextflow.destroyForcibly().waitFor();

        Nextflow.Result again = Nextflow.run(dir, Nextflow.resumed(args));
        assertThat(again.exitCode()).as(again.output()).isZero();
        List<Map<String, String>> rows = Nextflow.trace(trace);
        assertThat(Files.readAllLines(trace)).as("every line a whole row").hasSize(1 + rows.size());
        assertThat(hashes(rows, "CACHED")).as("every task that had finished before the kill").containsAll(completed);
        assertThat(hashes(rows, "COMPLETED")).as("the rest ran again").isNotEmpty();
        assertThat(rows).hasSize(hashes(rows, "CACHED").size() + hashes(rows, "COMPLETED").size());
        assertThat(results.resolve("report.html")).isNotEmptyFile();
    }

    /** The hashes of the trace's tasks with this status. */
    private static Set<String> hashes(List<Map<String, String>> trace, String status) {
        return trace.stream().filter(t -> t.get("status").equals(status)).map(t -> t.get("hash")).collect(Collectors.toSet());
    }

    private static List<String> libraries() {
        List<String> names = new java.util.ArrayList<>(List.of("train", "reference"));
        SCENARIOS.forEach(s -> names.add(s + "_moderate"));
        return names;
    }

    private static double pearson(Path results, String library) throws IOException {
        return JSON.readTree(results.resolve("qc").resolve(library).resolve("qc.json").toFile())
                .at("/replicate_correlation/0/pearson").asDouble();
    }

    private static Map<String, Long> traceStatuses(Path trace) throws IOException {
        return Nextflow.trace(trace).stream().collect(Collectors.groupingBy(t -> t.get("status"), Collectors.counting()));
    }
}
