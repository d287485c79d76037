package org.regshift.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.regshift.provenance.Provenance;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every step's command shares: --debug, its provenance from the parsed options, and the run
 * itself: options checked, the step run with a progress display, one closing line on stderr.
 */
public abstract class StepCommand implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    public boolean debug;

    @Override
    public final Integer call() {
        checkOptions();
        Provenance provenance = provenance();
        try (Progress progress = new Progress(spec.name(), progressUnit())) {
            String done = run(provenance, progress);
            progress.finish();
            spec.commandLine().getErr().println(spec.name() + ": " + done);
        }
        return 0;
    }

    /** Checks the option values picocli cannot (ranges, combinations), throwing {@link #usage} errors. */
    protected void checkOptions() {
    }

    /** What the progress display counts. */
    protected String progressUnit() {
        return "sequences";
    }

    /**
     * Runs the step, recording its input files in {@code provenance}; returns the closing line
     * (what was written where).
     */
    protected abstract String run(Provenance provenance, Progress progress);

    /** A provenance record holding the command line and every option's value, defaults included. */
    protected Provenance provenance() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (OptionSpec option : spec.options()) {
            if (option.usageHelp() || option.versionHelp()) {
                continue;
            }
            Object value = option.getValue();
            parameters.put(option.longestName().replaceFirst("^--", ""),
                    value instanceof java.nio.file.Path p ? p.toAbsolutePath().normalize().toString()
                            : value instanceof double[] d ? java.util.Arrays.toString(d) : value);
        }
        List<String> commandLine = new ArrayList<>(List.of("regshift", spec.name()));
        commandLine.addAll(spec.commandLine().getParseResult().expandedArgs());
        return new Provenance(spec.name(), commandLine, parameters);
    }

    /** Records a model bundle (a directory: its model.json; or its zip) among the provenance's inputs. */
    protected static void inputModel(Provenance provenance, java.nio.file.Path model) {
        provenance.input("model", java.nio.file.Files.isDirectory(model) ? model.resolve("model.json") : model);
    }

    /** An option value that does not make sense: a usage error naming it. */
    protected CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
