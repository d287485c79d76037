package org.regshift.pipeline;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs Nextflow (tools/nextflow/nextflow, fetched from Maven Central on first use) in a directory. */
final class Nextflow {
    static final Path REPO = Path.of("").toAbsolutePath();
    private static final String CONSOLE = "nextflow-console.txt";
    /** Over four times the longest run of the tests (the test profile on Slurm, about 2 minutes). */
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    record Result(int exitCode, String output) {
    }

    private Nextflow() {
    }

    /** The arguments of a run with -resume added. */
    static String[] resumed(String... args) {
        String[] resume = java.util.Arrays.copyOf(args, args.length + 1);
        resume[args.length] = "-resume";
        return resume;
    }

    /**
     * The rows of a trace.txt, column name to value; a line still being written (fewer fields than
     * the header) is left out, and a trace not written yet has no rows.
     */
    static List<Map<String, String>> trace(Path file) throws IOException {
        List<String> lines = lines(file);
        if (lines.isEmpty()) {
            return List.of();
        }
        String[] header = lines.get(0).split("\t");
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split("\t", -1);
            if (fields.length == header.length) {
                Map<String, String> row = new java.util.LinkedHashMap<>();
                for (int i = 0; i < header.length; i++) {
                    row.put(header[i], fields[i]);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** The project's version, as pom.xml gives it. */
    static String projectVersion() {
        try {
            Matcher m = Pattern.compile("<artifactId>regshift</artifactId>\\s*<version>([^<]+)</version>")
                    .matcher(Files.readString(REPO.resolve("pom.xml")));
            if (!m.find()) {
                throw new IllegalStateException("pom.xml names no version of regshift");
            }
            return m.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Result run(Path workDir, String... args) {
        return run(Map.of(), workDir, args);
    }

    /**
     * Runs Nextflow with these variables added to the environment. A run that has not ended after
     * {@link #TIMEOUT} is killed and run once more: Nextflow 24.10 now and then stays alive after its
     * work (its threads and log are printed to stderr, to find out why); a second hang fails the test.
     */
    static Result run(Map<String, String> environment, Path workDir, String... args) {
        try {
            for (int attempt = 1; ; attempt++) {
                Process p = start(environment, workDir, args);
                if (p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    return new Result(p.exitValue(), read(workDir.resolve(CONSOLE)));
                }
                String state = hangReport(p, workDir);
                p.destroyForcibly().waitFor();
                if (attempt == 2) {
                    throw new IllegalStateException("nextflow did not finish twice: " + List.of(args) + "\n" + state);
                }
                System.err.println("nextflow did not finish in " + TIMEOUT + ", run again: " + List.of(args) + "\n" + state);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The threads of a Nextflow that has not ended, and the end of its console and log. */
    private static String hangReport(Process p, Path workDir) throws IOException, InterruptedException {
        // a JVM that hangs may not answer the attach either: the dump goes to a file, waited for 1 minute at most
        Path dump = workDir.resolve("nextflow-threads.txt");
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(p.pid()), "Thread.print").redirectErrorStream(true).redirectOutput(dump.toFile()).start();
        if (!jcmd.waitFor(1, TimeUnit.MINUTES)) {
            jcmd.destroyForcibly();
        }
        return "--- threads\n" + read(dump) + "--- console\n" + tail(workDir.resolve(CONSOLE))
                + "--- .nextflow.log\n" + tail(workDir.resolve(".nextflow.log"));
    }

    /** Decoded leniently: a stray byte in a log must not hide what the test reports. */
    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    /** The lines of a file, none for a file not written yet. */
    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? read(file).lines().toList() : List.of();
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = lines(file);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())) + "\n";
    }

    /** Starts Nextflow in {@code workDir}, its output going to nextflow-console.txt there. */
    static Process start(Path workDir, String... args) throws IOException {
        return start(Map.of(), workDir, args);
    }

    private static Process start(Map<String, String> environment, Path workDir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(REPO.resolve("tools/nextflow/nextflow").toString()));
        command.addAll(List.of(args));
        Files.createDirectories(workDir);
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve(CONSOLE).toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("NXF_HOME", REPO.resolve("target/nxf-home").toString());
        pb.environment().put("NXF_ANSI_LOG", "false");
        pb.environment().put("PATH", REPO.resolve("workflows/bin") + File.pathSeparator + System.getenv("PATH"));
        pb.environment().putAll(environment);
        return pb.start();
    }
}
