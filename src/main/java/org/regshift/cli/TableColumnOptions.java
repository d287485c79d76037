package org.regshift.cli;

import org.regshift.seq.SequenceTable;
import picocli.CommandLine.Option;

/** The column options of train and predict: any table of id, sequence and value is accepted. */
public final class TableColumnOptions {
    @Option(names = "--id-column", defaultValue = "id", paramLabel = "NAME", description = "ID column.")
    String id;

    @Option(names = "--sequence-column", defaultValue = "sequence", paramLabel = "NAME", description = "Sequence column.")
    String sequence;

    @Option(names = "--target-column", defaultValue = "activity", paramLabel = "NAME", description = "Target (activity) column.")
    String target;

    @Option(names = "--split-column", defaultValue = "split", paramLabel = "NAME",
            description = "Split column (train/valid/calibration/test); when the table lacks it, a seeded split is made.")
    String split;

    public SequenceTable.Columns columns() {
        return new SequenceTable.Columns(id, sequence, target, split);
    }

    /** The columns for prediction: the split column is not used, so it passes through. */
    public SequenceTable.Columns columnsKeepingSplit() {
        return new SequenceTable.Columns(id, sequence, target, null);
    }
}
