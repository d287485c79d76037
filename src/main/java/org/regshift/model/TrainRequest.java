package org.regshift.model;

import java.nio.file.Path;
import org.regshift.io.SequenceTable;

/** What {@code regshift train} needs. {@code seqLen} null means: the table's one sequence length. */
public record TrainRequest(Path data, SequenceTable.Columns columns, Architecture architecture, int ensemble,
                           Trainer.Settings settings, Integer seqLen, long seed, Path out) {
}
