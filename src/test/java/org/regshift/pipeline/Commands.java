package org.regshift.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** The commands and daemons around the pipeline's integration tests: podman, Slurm, a registry. */
final class Commands {
    private Commands() {
    }

    /** Runs a command to its end (10 minutes at most), its output in {@code log}; its exit code must be one of {@code allowed}. */
    static int run(Path log, List<Integer> allowed, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("%s finished", List.of(command)).isTrue();
        assertThat(allowed).as(Files.readString(log)).contains(p.exitValue());
        return p.exitValue();
    }

    /** The output (stdout and stderr) of a short command run with these variables added to its environment. */
    static String output(Map<String, String> environment, String... command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().putAll(environment);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(1, TimeUnit.MINUTES);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits a minute at most for a daemon to be ready. */
    static void waitFor(BooleanSupplier ready, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!ready.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited a minute for " + what).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    /** A TCP port nothing listens on now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
