package org.regshift.model;

import java.nio.file.Path;
import org.regshift.io.SequenceTable;

/**
 * What {@code regshift train} needs. {@code seqLen} null means: the table's one sequence length.
 * {@code member} null trains all {@code ensemble} members (seeds seed + i); a number trains only
 * that member, so members can be separate tasks and be merged with {@code regshift ensemble}.
 */
public record TrainRequest(Path data, SequenceTable.Columns columns, Architecture architecture, int ensemble,
                           Integer member, Trainer.Settings settings, Integer seqLen, long seed, Path out) {
}
