package org.regshift.train;

import java.nio.file.Path;
import java.util.List;
import org.regshift.model.PriorFeatures;
import org.regshift.motif.Pwm;
import org.regshift.seq.SequenceTable;

/**
 * What {@code regshift train} needs. {@code seqLen} null means: the table's one sequence length.
 * {@code member} null trains all {@code ensemble} members (seeds seed + i); a number trains only
 * that member, so members can be separate tasks and be merged with {@code regshift ensemble}.
 * {@code threads}: how many threads train (see {@link org.regshift.model.lean.Engine}).
 */
public record TrainRequest(Path data, SequenceTable.Columns columns, Trainer.Settings settings, PriorFeatures.Kind priors,
                           List<Pwm> motifs, int ensemble, Integer member, Integer seqLen, long seed, int threads, Path out) {
}
