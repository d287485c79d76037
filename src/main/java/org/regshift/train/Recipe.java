package org.regshift.train;

import org.regshift.model.net.Architecture;
import org.regshift.model.net.LegNet;
import org.regshift.train.Optimizer.Schedule;

/**
 * The training settings an architecture is trained with unless the command line says otherwise:
 * LegNet's recipe (AdamW 0.1, one cycle to 0.005, reverse-complement and shift augmentation, batch
 * 256) for {@code legnet}, constant Adam at 1e-3 on batches of 128 for the others.
 */
public record Recipe(int batchSize, Optimizer optimizer, Augmentation augmentation) {
    private static final Recipe ADAM = new Recipe(128, new Optimizer(1e-3, Schedule.CONSTANT, 0.01, 0),
            new Augmentation(false, false));
    private static final Recipe LEGNET = new Recipe(256, new Optimizer(1e-3, Schedule.ONECYCLE, 0.005, 0.1),
            new Augmentation(true, true));

    public static Recipe of(Architecture architecture) {
        return architecture instanceof LegNet ? LEGNET : ADAM;
    }
}
