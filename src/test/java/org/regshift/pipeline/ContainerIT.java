package org.regshift.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container: containers/build.sh builds the image with podman (installing podman, runc and
 * debootstrap as root when missing), and one module runs inside it under Nextflow.
 */
class ContainerIT {
    private static final String IMAGE = "localhost/regshift:0.1.0";

    @TempDir
    Path dir;

    @Test
    void theImageBuildsAndAModuleRunsInsideIt() throws IOException, InterruptedException {
        Process build = new ProcessBuilder(Nextflow.REPO.resolve("containers/build.sh").toString(), IMAGE)
                .redirectErrorStream(true).redirectOutput(dir.resolve("build.txt").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        assertThat(build.waitFor(15, TimeUnit.MINUTES)).isTrue();
        assertThat(build.exitValue()).as(Files.readString(dir.resolve("build.txt"), StandardCharsets.UTF_8)).isZero();

        Path counts = Nextflow.REPO.resolve("test-data/sharpr/sharpr_pilot_oligo_counts.tsv");
        Nextflow.Result r = Nextflow.run(dir.resolve("run"), "run",
                Nextflow.REPO.resolve("src/test/resources/nextflow/reuse/main.nf").toString(), "-with-podman", IMAGE,
                "--counts", counts.toString(), "--condition", "k562", "--outdir", dir.resolve("out").toString());
        assertThat(r.exitCode()).as(r.output()).isZero();
        Path qcJson = Path.of(Files.readAllLines(dir.resolve("out/qc_files.txt")).get(0));
        assertThat(new ObjectMapper().readTree(qcJson.toFile()).at("/table/condition").asText()).isEqualTo("k562");
        String commandRun;
        try (var files = Files.walk(dir.resolve("run/work"))) {
            Path script = files.filter(p -> p.getFileName().toString().equals(".command.run")).findFirst().orElseThrow();
            commandRun = Files.readString(script);
        }
        assertThat(commandRun).contains("podman run").contains(IMAGE);
    }
}
