package org.regshift.pipeline;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Nextflow (tools/nextflow/nextflow, fetched from Maven Central on first use) in a directory. */
final class Nextflow {
    static final Path REPO = Path.of("").toAbsolutePath();

    record Result(int exitCode, String output) {
    }

    private Nextflow() {
    }

    static Result run(Path workDir, String... args) {
        List<String> command = new ArrayList<>(List.of(REPO.resolve("tools/nextflow/nextflow").toString()));
        command.addAll(List.of(args));
        try {
            Files.createDirectories(workDir);
            Path log = workDir.resolve("nextflow-console.txt");
            ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().put("NXF_HOME", REPO.resolve("target/nxf-home").toString());
            pb.environment().put("NXF_ANSI_LOG", "false");
            pb.environment().put("PATH", REPO.resolve("workflows/bin") + File.pathSeparator + System.getenv("PATH"));
            Process p = pb.start();
            if (!p.waitFor(20, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("nextflow did not finish: " + command);
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
