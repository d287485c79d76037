package org.regshift.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** --threads, shared by the steps that use several cores; Nextflow passes task.cpus. */
public final class ThreadsOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--threads", paramLabel = "T", description = "Threads (default: the machine's cores).")
    Integer threads;

    /** The thread count asked for, or the machine's cores; below 1 is a usage error. */
    public int resolve() {
        if (threads != null && threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        return threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    }
}
