package org.regshift.attack;

import java.nio.file.Path;
import java.util.List;
import org.regshift.cli.Progress;
import org.regshift.cli.StepCommand;
import org.regshift.cli.TableColumnOptions;
import org.regshift.cli.ThreadsOption;
import org.regshift.provenance.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code regshift attack}: how far small sequence changes move a model's predictions. */
@Command(name = "attack", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = {
            "Attack a model's predictions: each row is pushed away from its measured value (upwards without one). fgsm and "
                + "pgd work on the one-hot input relaxed to the probability simplex at each position (projected after every "
                + "step; pgd stays within the L-infinity ball of radius epsilon); substitution makes greedy single-base edits, "
                + "each where the centred gradient promises the largest move, up to --max-edits.",
            "Per epsilon (or number of edits): RMSE, NLL and --level interval coverage under attack next to the clean "
                + "ones, the fraction of predictions moved by more than one predicted SD, and the mean shift. Output "
                + "(--out DIR): attack.json, shifts.tsv (every row at every strength), attack.png/svg, and for "
                + "substitution the attacked sequences (attacked.fa)."
        })
public final class AttackCommand extends StepCommand {
    @Option(names = "--model", required = true, paramLabel = "BUNDLE", description = "Model bundle directory (from train), or a .zip of one.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "Sequences: a table (with the target column for RMSE, NLL and coverage) or FASTA.")
    Path data;

    @Mixin
    TableColumnOptions columns;

    @Option(names = "--method", defaultValue = "fgsm", paramLabel = "NAME", description = "${COMPLETION-CANDIDATES}.")
    AttackMethod method;

    @Option(names = "--epsilon", defaultValue = "0.05,0.1,0.2", split = ",", paramLabel = "E",
            description = "Attack strengths for fgsm and pgd, each in [0, 1].")
    List<Double> epsilons;

    @Option(names = "--steps", defaultValue = "10", paramLabel = "N", description = "pgd steps.")
    int steps;

    @Option(names = "--step-size", paramLabel = "A", description = "pgd step size (default epsilon / 4).")
    Double stepSize;

    @Option(names = "--max-edits", defaultValue = "5", paramLabel = "K", description = "substitution: edits per sequence.")
    int maxEdits;

    @Option(names = "--level", defaultValue = "0.9", paramLabel = "P", description = "Coverage level of the intervals.")
    double level;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Mixin
    ThreadsOption threads;

    @Override
    protected void checkOptions() {
        for (double e : epsilons) {
            if (!(e >= 0 && e <= 1)) {
                throw usage("--epsilon must be in [0, 1], not " + e);
            }
        }
        if (steps < 1 || maxEdits < 1 || (stepSize != null && !(stepSize > 0))) {
            throw usage("--steps and --max-edits must be at least 1 and --step-size above 0");
        }
        if (!(level > 0 && level < 1)) {
            throw usage("--level must be between 0 and 1, not " + level);
        }
    }

    @Override
    protected String run(Provenance provenance, Progress progress) {
        inputModel(provenance, model);
        provenance.input("data", data);
        AttackService.Report report = AttackService.run(new AttackService.Request(model, data, columns.columnsKeepingSplit(),
                method, epsilons, steps, stepSize, maxEdits, level, threads.resolve(), out), provenance, progress);
        return report.rows() + " sequences attacked; written to " + out;
    }
}
