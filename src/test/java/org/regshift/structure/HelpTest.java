package org.regshift.structure;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.regshift.RegShift;
import picocli.CommandLine;

/** Every --help prints cleanly: no picocli warning (an unescaped % in a description), nothing on stderr. */
class HelpTest {
    @Test
    void everyHelpPrintsWithoutAWarning() {
        List<List<String>> commands = new ArrayList<>();
        commands.add(List.of("--help"));
        new CommandLine(new RegShift()).getSubcommands().keySet().forEach(name -> commands.add(List.of(name, "--help")));
        for (List<String> args : commands) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            ByteArrayOutputStream tracer = new ByteArrayOutputStream();
            PrintStream systemErr = System.err;
            System.setErr(new PrintStream(tracer, true, StandardCharsets.UTF_8));
            int code;
            try {
                code = RegShift.execute(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
            } finally {
                System.setErr(systemErr);
            }
            String all = out + err.toString() + tracer.toString(StandardCharsets.UTF_8);
            assertThat(code).as(String.join(" ", args)).isZero();
            assertThat(out.toString()).as(String.join(" ", args)).startsWith("Usage: regshift");
            assertThat(all).as(String.join(" ", args)).doesNotContain("WARN").doesNotContain("Could not format")
                    .doesNotContain("${COMPLETION-CANDIDATES}");
            assertThat(err.toString() + tracer.toString(StandardCharsets.UTF_8)).as(String.join(" ", args)).isEmpty();
        }
    }

    @Test
    void fixedValueOptionsListTheirValues() {
        StringWriter out = new StringWriter();
        RegShift.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "train", "--help");
        assertThat(out.toString().replaceAll("\\s+", " ")).contains("cnn, cnn-reference, bilstm, transformer").contains("none, gc, motif, motif+gc")
                .contains("gaussian-nll, beta-nll, mse");
    }
}
