package org.regshift.fuzz;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.regshift.RegShift;
import org.regshift.io.InputException;
import org.regshift.io.UsageException;
import org.regshift.model.ModelBundle;
import org.regshift.motif.MotifReader;
import org.regshift.seq.FastaReader;
import org.regshift.seq.SequenceSource;
import org.regshift.seq.SequenceTable;
import org.regshift.variants.VcfParsing;

/**
 * A Jazzer fuzz target for one of RegShift's parsers, chosen by the system property
 * {@code regshift.fuzz.parser}: the fuzzer's bytes become a file that the parser reads to the end.
 * Refusing the input with the project's input or usage error is the expected outcome; any other
 * exception (or, for the parsers reached through a step, an exit code of 1) is a finding.
 */
public final class ParserFuzzTarget {
    public static final String PARSER = "regshift.fuzz.parser";
    private static Path dir;
    private static Consumer<Path> parser;

    private ParserFuzzTarget() {
    }

    public static void fuzzerInitialize() throws IOException {
        dir = Files.createTempDirectory("regshift-fuzz");
        String name = System.getProperty(PARSER, "");
        parser = switch (name) {
            case "fasta" -> file -> {
                try (FastaReader r = new FastaReader(file, false)) {
                    while (r.next() != null) {
                        // reading is the test
                    }
                }
            };
            case "activity" -> file -> {
                try (SequenceSource s = SequenceSource.open(file, new SequenceTable.Columns("id", "sequence", "activity", null))) {
                    while (s.next() != null) {
                        // reading is the test
                    }
                }
            };
            case "motifs" -> MotifReader::read;
            case "vcf" -> VcfParsing::readAll;
            case "bundle" -> ModelBundle::load;
            case "counts" -> warmedUp(file -> step("qc", "--counts", file.toString()), "id\tdna_1\trna_1\ne1\t10\t20\ne2\t30\t5\ne3\t7\t9\n");
            case "predictions" -> warmedUp(file -> step("calibrate", "--fit", file.toString(), "--apply", file.toString()),
                    IntStream.range(0, 40).mapToObj(i -> "p" + i + "\t" + i % 7 / 10.0 + "\t0.5\t" + i % 5 / 5.0)
                            .collect(Collectors.joining("\n", "id\tmean\tvar_total\ty\n", "\n")));
            default -> throw new IllegalArgumentException("-D" + PARSER + " must name a parser, not '" + name + "'");
        };
    }

    /**
     * Runs a step once on a valid input before libFuzzer's clock starts: a step's first run loads and
     * instruments hundreds of classes, seconds that would otherwise leave the test command's short
     * budget without a single mutated input. The step must write its output, or it warmed nothing.
     */
    private static Consumer<Path> warmedUp(Consumer<Path> step, String validInput) throws IOException {
        Path file = Files.writeString(input(), validInput, StandardCharsets.US_ASCII);
        step.accept(file);
        if (!Files.isDirectory(out())) {
            throw new IllegalStateException("the warm-up input was refused:\n" + validInput);
        }
        clean();
        return step;
    }

    public static void fuzzerTestOneInput(byte[] data) throws IOException {
        Path file = Files.write(input(), data);
        try {
            parser.accept(file);
        } catch (InputException | UsageException refused) {
            // a clear refusal is what bad input should get
        } finally {
            clean();
        }
    }

    /** Runs a step on the file as the command line would; exit code 1 (an internal error) is a finding. */
    private static void step(String name, String... options) {
        StringWriter err = new StringWriter();
        String[] args = Stream.concat(Stream.of(name), Stream.concat(Stream.of(options),
                Stream.of("--out", out().toString()))).toArray(String[]::new);
        int exit = RegShift.execute(new PrintWriter(new StringWriter()), new PrintWriter(err, true), args);
        if (exit == RegShift.EXIT_INTERNAL) {
            throw new IllegalStateException("regshift " + name + " failed with an internal error: " + err);
        }
    }

    private static Path input() {
        return dir.resolve("input");
    }

    /** Where a step writes: present after a run only if the step accepted its input. */
    private static Path out() {
        return dir.resolve("out");
    }

    /** Jazzer calls this when fuzzing ends: the working directory goes too. */
    public static void fuzzerTearDown() throws IOException {
        clean();
        Files.deleteIfExists(dir);
    }

    private static void clean() {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
