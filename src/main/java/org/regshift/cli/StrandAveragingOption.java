package org.regshift.cli;

import picocli.CommandLine.Option;

/** --[no-]rc-average, shared by the steps that predict with a model bundle. */
public final class StrandAveragingOption {
    @Option(names = "--rc-average", negatable = true,
            description = "Average each member's predictions on both strands (default: when the model was trained on "
                + "both strands, --augment rc, as legnet's recipe is).")
    Boolean rcAverage;

    /** The choice on the command line, or null for the model's own (see ModelBundle#averagesStrands). */
    public Boolean choice() {
        return rcAverage;
    }
}
