package org.regshift;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.regshift.attack.AttackCommand;
import org.regshift.calibrate.CalibrateCommand;
import org.regshift.cli.LabelledEnums;
import org.regshift.cli.StepCommand;
import org.regshift.ensemble.EnsembleCommand;
import org.regshift.evaluate.EvaluateCommand;
import org.regshift.explain.ExplainCommand;
import org.regshift.io.InputException;
import org.regshift.io.UsageException;
import org.regshift.predict.PredictCommand;
import org.regshift.prepare.PrepareCommand;
import org.regshift.provenance.Version;
import org.regshift.qc.QcCommand;
import org.regshift.redundancy.RedundancyCommand;
import org.regshift.select.SelectCommand;
import org.regshift.simulate.SimulateCommand;
import org.regshift.train.TrainCommand;
import org.regshift.variants.ScoreVariantsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code regshift} executable: one subcommand per pipeline step. */
@Command(name = "regshift", mixinStandardHelpOptions = true, versionProvider = RegShift.VersionProvider.class,
        description = "Robust machine learning on regulatory DNA under distribution shift.",
        subcommands = {SimulateCommand.class, QcCommand.class, PrepareCommand.class, TrainCommand.class, EnsembleCommand.class, PredictCommand.class, CalibrateCommand.class,
            SelectCommand.class, EvaluateCommand.class, ScoreVariantsCommand.class, ExplainCommand.class, AttackCommand.class,
            RedundancyCommand.class},
        footer = {"", "Exit codes: 0 success, 1 internal error, 2 usage error, 3 bad input data."})
public final class RegShift implements Runnable {
    public static final int EXIT_INTERNAL = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_BAD_INPUT = 3;
    private static final int MAX_MESSAGE = 400;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a step");
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code;
        try {
            code = execute(out, err, args);
        } catch (OutOfMemoryError e) {
            err.println("regshift: error: out of memory (raise -Xmx through REGSHIFT_JAVA_OPTS)");
            code = EXIT_INTERNAL;
        }
        System.exit(code);
    }

    /** Runs the command line and returns its exit code; messages go to the given writers. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new RegShift());
        cl.setOut(out);
        cl.setErr(err);
        LabelledEnums.registerAll(cl);
        cl.setParameterExceptionHandler((ex, arguments) -> {
            String full = ex.getCommandLine().getCommandSpec().qualifiedName();
            ex.getCommandLine().getErr().println(full + ": " + ex.getMessage() + " (see '" + full + " --help')");
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            String name = commandLine.getCommandSpec().qualifiedName();
            PrintWriter e = commandLine.getErr();
            boolean debug = commandLine.getCommand() instanceof StepCommand step && step.debug;
            if (debug) {
                ex.printStackTrace(e);
            }
            if (ex instanceof InputException) {
                e.println(name + ": error: " + printable(ex.getMessage()));
                return EXIT_BAD_INPUT;
            }
            if (ex instanceof org.regshift.train.TrainingException) {
                e.println(name + ": error: " + ex.getMessage());
                return EXIT_INTERNAL;
            }
            if (ex instanceof UsageException) {
                e.println(name + ": " + printable(ex.getMessage()) + " (see '" + name + " --help')");
                return EXIT_USAGE;
            }
            e.println(name + ": internal error: " + ex + (debug ? "" : " (run with --debug for details)"));
            return EXIT_INTERNAL;
        });
        return cl.execute(args);
    }

    /**
     * A message quoting input as one printable line: control and non-ASCII-printable characters
     * become '?', and quoted input beyond {@value #MAX_MESSAGE} characters is cut.
     */
    static String printable(String message) {
        StringBuilder b = new StringBuilder();
        message.codePoints().limit(MAX_MESSAGE).forEach(c -> b.append(c >= 0x20 && c != 0x7f && c != 0xfffd ? Character.toString(c) : "?"));
        return message.codePointCount(0, message.length()) > MAX_MESSAGE ? b + " ..." : b.toString();
    }

    /** The version from the POM. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"regshift " + Version.get()};
        }
    }
}
