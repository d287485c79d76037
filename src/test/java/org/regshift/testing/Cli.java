package org.regshift.testing;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.regshift.RegShift;

/** Runs {@code regshift} as a separate JVM, as a user or Nextflow would, and captures what it says. */
public final class Cli {
    public static final Path TEST_DATA = Path.of("test-data").toAbsolutePath();

    public record Result(int exitCode, String stdout, String stderr) {
        /** stderr without the log lines of a run ("HH:mm:ss [INFO] ..."). */
        public List<String> errorLines() {
            return stderr.lines().filter(l -> !l.matches("\\d\\d:\\d\\d:\\d\\d \\[(INFO|WARN)\\].*")).toList();
        }
    }

    private Cli() {
    }

    /** Runs a step that must succeed, writing to {@code out}; returns {@code out}. */
    public static Path succeed(String step, Path out, Object... options) {
        List<Object> args = new ArrayList<>(List.of(step, "--out", out));
        args.addAll(List.of(options));
        Result r = run(args.toArray());
        org.assertj.core.api.Assertions.assertThat(r.exitCode()).as(r.stderr()).isZero();
        return out;
    }

    /** The java command line that runs {@code regshift} with these arguments in a new JVM. */
    public static List<String> command(Object... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Djava.awt.headless=true"));
        // as workflows/bin/regshift does: ND4J's native loading and Unsafe use warn on newer JDKs
        int feature = Runtime.version().feature();
        if (feature >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        if (feature >= 23) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RegShift.class.getName()));
        for (Object a : args) {
            command.add(a.toString());
        }
        return command;
    }

    public static Result run(Object... args) {
        List<String> command = command(args);
        try {
            Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            var out = p.getInputStream().readAllBytes();
            var err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("regshift did not finish: " + command);
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A run that failed as bad input must: this exit code, one line holding {@code expected}, no trace, no stdout. */
    public static void assertFailsCleanly(Result r, int exit, String expected) {
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(exit);
        assertThat(r.errorLines()).as(r.stderr()).hasSize(1);
        assertThat(r.errorLines().get(0)).contains(expected);
        assertThat(r.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.stdout()).isEmpty();
    }

    /** A TSV (plain or gzip) as rows of column -> value. */
    public static List<Map<String, String>> table(Path tsv) throws IOException {
        List<String> lines = tsv.toString().endsWith(".gz")
                ? new String(new java.util.zip.GZIPInputStream(Files.newInputStream(tsv)).readAllBytes(), StandardCharsets.UTF_8).lines().toList()
                : Files.readAllLines(tsv);
        String[] names = lines.get(0).split("\t");
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < names.length; i++) {
                row.put(names[i], f[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    public static double number(Map<String, String> row, String column) {
        return Double.parseDouble(row.get(column));
    }
}
