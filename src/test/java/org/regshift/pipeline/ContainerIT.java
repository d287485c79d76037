package org.regshift.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.regshift.testing.DebianPackages;

/**
 * The image: containers/build.sh builds it with podman (installing podman, runc and debootstrap as
 * root when missing) and pushes it to a registry on 127.0.0.1 (Debian's docker-registry, started
 * here); a module runs in the container it declares inside someone else's pipeline with no
 * regshift on the host's PATH; and the test profile runs with podman pulling the image from the
 * registry after every local copy of it is gone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerIT {
    private static final String IMAGE = "ghcr.io/regshift/regshift:" + Nextflow.projectVersion();

    @TempDir
    static Path dir;
    private static Process registry;
    private static String pushed;

    @BeforeAll
    static void startRegistry() throws IOException, InterruptedException {
        DebianPackages.ensure(new String[] {"/usr/bin/docker-registry"}, "docker-registry");
        int port = Commands.freePort();
        Path config = Files.writeString(dir.resolve("registry.yml"), String.join("\n", "version: 0.1",
                "storage:", "  filesystem:", "    rootdirectory: " + dir.resolve("registry-storage"),
                "http:", "  addr: 127.0.0.1:" + port, ""));
        registry = new ProcessBuilder("/usr/bin/docker-registry", "serve", config.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("registry.log").toFile()).start();
        pushed = "127.0.0.1:" + port + "/regshift:" + Nextflow.projectVersion();
        Commands.waitFor(() -> !catalog().isEmpty(), "the registry");
        assertThat(catalog()).as(Files.readString(dir.resolve("registry.log"))).contains("repositories");
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.destroy();
        }
    }

    @Test
    @Order(1)
    void theImageBuildsAndIsPushedToTheRegistry() throws IOException, InterruptedException {
        ProcessBuilder build = new ProcessBuilder(Nextflow.REPO.resolve("containers/build.sh").toString(), "--push", pushed)
                .redirectErrorStream(true).redirectOutput(dir.resolve("build.txt").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        build.environment().put("PUSH_OPTIONS", "--tls-verify=false");
        Process p = build.start();
        assertThat(p.waitFor(20, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("build.txt"), StandardCharsets.UTF_8)).isZero();
        assertThat(catalog()).contains("\"regshift\"");
        assertThat(get("/v2/regshift/tags/list")).contains("\"" + Nextflow.projectVersion() + "\"");
    }

    @Test
    @Order(2)
    void aModuleRunsInTheContainerItDeclaresInsideSomeoneElsesPipelineWithNoRegshiftOnTheHost() throws IOException {
        String hostPath = Arrays.stream(System.getenv("PATH").split(File.pathSeparator))
                .filter(d -> !Files.exists(Path.of(d, "regshift"))).collect(Collectors.joining(File.pathSeparator));
        Path counts = Nextflow.REPO.resolve("test-data/sharpr/sharpr_pilot_oligo_counts.tsv");
        Path podman = Files.writeString(dir.resolve("podman.config"), "podman.enabled = true\npodman.runOptions = '--entrypoint=\"\"'\n");
        Nextflow.Result r = Nextflow.run(Map.of("PATH", hostPath), dir.resolve("reuse"), "run",
                Nextflow.REPO.resolve("src/test/resources/nextflow/reuse/main.nf").toString(), "-c", podman.toString(),
                "--counts", counts.toString(), "--condition", "k562", "--outdir", dir.resolve("reuse/out").toString());
        assertThat(r.exitCode()).as(r.output()).isZero();
        Path qcJson = Path.of(Files.readAllLines(dir.resolve("reuse/out/qc_files.txt")).get(0));
        assertThat(new ObjectMapper().readTree(qcJson.toFile()).at("/table/condition").asText()).isEqualTo("k562");
        assertThat(commandRuns(dir.resolve("reuse/work"))).singleElement().asString().contains("podman run").contains(IMAGE);
    }

    @Test
    @Order(3)
    void theTestProfileRunsInTheImagePulledFromTheRegistry() throws IOException, InterruptedException {
        Commands.run(dir.resolve("rmi.txt"), List.of(0), "podman", "rmi", "--force", IMAGE, pushed);
        assertThat(Commands.run(dir.resolve("exists.txt"), List.of(0, 1), "podman", "image", "exists", pushed)).isEqualTo(1);
        Path config = Files.writeString(dir.resolve("registry.config"), "podman.runOptions = '--entrypoint=\"\" --tls-verify=false'\n");
        Path results = dir.resolve("pulled/results");
        Nextflow.Result r = Nextflow.run(dir.resolve("pulled"), "run", Nextflow.REPO.toString(), "-profile", "test,podman",
                "-c", config.toString(), "--container", pushed, "--scenarios", "gc_shift,depth_shift", "--epochs", "1",
                "--outdir", results.toString());
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(Commands.run(dir.resolve("exists.txt"), List.of(0, 1), "podman", "image", "exists", pushed)).as("pulled").isZero();
        assertThat(commandRuns(dir.resolve("pulled/work"))).isNotEmpty().allSatisfy(c -> assertThat(c).contains("podman run")
                .contains(pushed));
        assertThat(results.resolve("report.html")).content().contains("gc_shift_moderate");
        assertThat(results.resolve("multiqc/multiqc_report.html")).content().contains("RegShift QC: barcodes per replicate");
    }

    private static List<String> commandRuns(Path work) throws IOException {
        try (var files = Files.walk(work)) {
            return files.filter(p -> p.getFileName().toString().equals(".command.run")).map(p -> {
                try {
                    return Files.readString(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    private static String catalog() {
        return get("/v2/_catalog");
    }

    private static String get(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + pushed.substring(0,
                    pushed.indexOf('/')) + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
