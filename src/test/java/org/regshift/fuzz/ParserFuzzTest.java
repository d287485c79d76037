package org.regshift.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes each parser with Jazzer for {@code -Dregshift.fuzz.seconds} (8 in the test command, 300 with
 * {@code -Pfuzz}), in its own JVM (libFuzzer fuzzes one target per process), seeded with the
 * bad-input corpus of its format. A finding fails the test; its input is kept in
 * target/fuzz/&lt;parser&gt;/ to become a corpus case.
 */
class ParserFuzzTest {
    private static final Path CORPUS = Path.of("src/test/resources/bad-inputs");

    @TempDir
    Path tmp;

    static Stream<String[]> parsers() {
        return Stream.of(new String[] {"fasta", "fasta"}, new String[] {"counts", "counts"}, new String[] {"activity", "activity"},
                new String[] {"predictions", "predictions"}, new String[] {"vcf", "vcf"}, new String[] {"motifs", "motifs"},
                new String[] {"bundle", "bundles"});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parsers")
    void noExceptionEscapesButTheProjectsOwnInputError(String parser, String seeds) throws IOException, InterruptedException {
        int seconds = Integer.getInteger("regshift.fuzz.seconds", 8);
        Path corpus = Files.createDirectories(tmp.resolve("corpus"));
        int seedCount;
        try (Stream<Path> files = Files.walk(CORPUS.resolve(seeds))) {
            List<Path> seedFiles = files.filter(Files::isRegularFile).toList();
            for (Path f : seedFiles) {
                Files.copy(f, corpus.resolve(CORPUS.relativize(f).toString().replace('/', '_')));
            }
            seedCount = seedFiles.size();
        }
        Path findings = Files.createDirectories(Path.of("target/fuzz", parser));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Djava.awt.headless=true", "-D" + ParserFuzzTarget.PARSER + "=" + parser,
                "-cp", System.getProperty("java.class.path"), "com.code_intelligence.jazzer.Jazzer",
                "--target_class=" + ParserFuzzTarget.class.getName(),
                "--instrumentation_includes=org.regshift.**:htsjdk.**",
                "-max_total_time=" + seconds, "-timeout=20", "-rss_limit_mb=3072",
                "--reproducer_path=" + findings.toAbsolutePath(),
                "-artifact_prefix=" + findings.toAbsolutePath() + File.separator, corpus.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(tmp.resolve("log").toFile()).start();
        if (!p.waitFor(seconds + 120L, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        String log = Files.readString(tmp.resolve("log"), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(log.length() > 6000 ? log.substring(log.length() - 6000) : log).isZero();
        String done = log.lines().filter(l -> l.matches("Done \\d+ runs .*")).findFirst().orElse("");
        assertThat(done).as("the fuzzer ran").isNotEmpty();
        System.out.println("fuzzed " + parser + ": " + done); // e.g. "Done 123456 runs in 301 second(s)", for the README
        long runs = Long.parseLong(done.split(" ")[1]);
        assertThat(runs).as("inputs beyond replaying the %d seeds", seedCount).isGreaterThanOrEqualTo(seedCount + 100L);
    }
}
