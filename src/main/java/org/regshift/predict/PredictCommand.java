package org.regshift.predict;

import java.nio.file.Path;
import org.regshift.cli.Progress;
import org.regshift.cli.StepCommand;
import org.regshift.cli.StrandAveragingOption;
import org.regshift.cli.TableColumnOptions;
import org.regshift.cli.ThreadsOption;
import org.regshift.provenance.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code regshift predict}: predictions with uncertainty for every sequence of a table. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = {
            "Predict activity with a model bundle for every row of a table, streaming it in batches. Output: a TSV "
                + "with id, mean, var_aleatoric (mean of the members' variances), var_epistemic (variance of their "
                + "means; 0 for one model), var_total, lower and upper (the central --level interval of the "
                + "predictive Gaussian), y when the table has the target column, ood (Mahalanobis distance of the "
                + "sequence's GC and motif features from the training rows'), then the table's other columns; "
                + "one row per input row, in order. A row's last digits depend on its batch: split input for parallel "
                + "tasks at multiples of --batch-size to get the same bytes as one pass. Beside the table: "
                + "<name>.provenance.json (for predictions.tsv: predictions.provenance.json), with the engine that ran the "
                + "networks."
        })
public final class PredictCommand extends StepCommand {
    @Option(names = "--model", required = true, paramLabel = "BUNDLE", description = "Model bundle directory (from train), or a .zip of one.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "Sequences: a table (TSV) or FASTA, plain, gzip or bgzip.")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Predictions TSV to write.")
    Path out;

    @Mixin
    TableColumnOptions columns;

    @Option(names = "--level", defaultValue = "0.9", paramLabel = "P", description = "Coverage level of lower/upper.")
    double level;

    @Option(names = "--batch-size", defaultValue = "256", paramLabel = "N", description = "Sequences per batch.")
    int batchSize;

    @Mixin
    StrandAveragingOption strands;

    @Mixin
    ThreadsOption threads;

    @Override
    protected void checkOptions() {
        if (!(level > 0 && level < 1)) {
            throw usage("--level must be between 0 and 1, not " + level);
        }
        if (batchSize < 1) {
            throw usage("--batch-size must be at least 1");
        }
    }

    @Override
    protected String run(Provenance provenance, Progress progress) {
        inputModel(provenance, model);
        provenance.input("data", data);
        PredictService.Result result = PredictService.run(new PredictService.Request(model, data, columns.columnsKeepingSplit(),
                level, batchSize, strands.choice(), threads.resolve(), out), provenance, progress);
        return result.rows() + " predictions written to " + out;
    }
}
