package org.regshift.explain;

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

/** {@code regshift explain}: per-position attributions, their stability, and their truth on simulated data. */
@Command(name = "explain", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = {
            "Attribute each sequence's predicted mean (the ensemble's) to its positions with saliency, grad-x-input, "
                + "integrated-gradients (uniform baseline) and/or ism (every single-base substitution). Gradients are "
                + "centred over the four bases per position; hypothetical contributions of every base are written too.",
            "Stability: the Spearman correlation of a sequence's attributions before and after --perturb-bases random "
                + "substitutions, and as many substitutions along the gradient, on the first --stability-sequences; "
                + "agreement: the Spearman correlation between methods. With --truth (the simulator's truth.tsv), "
                + "positions inside planted motif sites are positives: AUROC and AUPRC of |attribution|, overall and per "
                + "motif.",
            "Output (--out DIR): attributions_<method>.tsv.gz, <method>.bedgraph.gz, explain.json, example_track.png/svg "
                + "and with --truth site_recovery.png/svg."
        })
public final class ExplainCommand extends StepCommand {
    @Option(names = "--model", required = true, paramLabel = "BUNDLE", description = "Model bundle directory (from train), or a .zip of one.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Sequences: a table (TSV) or FASTA.")
    Path data;

    @Mixin
    TableColumnOptions columns;

    @Option(names = "--method", defaultValue = "saliency,grad-x-input,integrated-gradients,ism", split = ",",
            paramLabel = "NAME", description = "Methods: ${COMPLETION-CANDIDATES}.")
    List<Method> methods;

    @Option(names = "--truth", paramLabel = "FILE", description = "The simulator's truth.tsv for these sequences.")
    Path truth;

    @Option(names = "--motifs", paramLabel = "FILE",
            description = "Motif file giving the motifs' lengths for --truth (default: scenario.json beside truth.tsv).")
    Path motifs;

    @Option(names = "--steps", defaultValue = "32", paramLabel = "N", description = "Integrated-gradients steps.")
    int steps;

    @Option(names = "--perturb-bases", defaultValue = "4", paramLabel = "K", description = "Substitutions per sequence for stability.")
    int perturbBases;

    @Option(names = "--stability-sequences", defaultValue = "100", paramLabel = "N",
            description = "How many sequences (the first) stability is measured on; 0 skips it.")
    int stabilitySequences;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the random substitutions.")
    long seed;

    @Option(names = "--batch-size", defaultValue = "1024", paramLabel = "N", description = "Sequences per forward pass (ism).")
    int batchSize;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Mixin
    ThreadsOption threads;

    @Override
    protected void checkOptions() {
        if (methods.stream().distinct().count() < methods.size()) {
            throw usage("--method lists a method twice");
        }
        if (steps < 1 || perturbBases < 1 || stabilitySequences < 0 || batchSize < 1) {
            throw usage("--steps, --perturb-bases and --batch-size must be at least 1, --stability-sequences at least 0");
        }
    }

    @Override
    protected String run(Provenance provenance, Progress progress) {
        inputModel(provenance, model);
        provenance.input("data", data);
        if (truth != null) {
            provenance.input("truth", truth);
        }
        ExplainService.Result result = ExplainService.run(new ExplainService.Request(model, data, columns.columnsKeepingSplit(),
                methods, truth, motifs, steps, perturbBases, stabilitySequences, seed, batchSize, threads.resolve(), out),
                provenance, progress);
        return result.sequences() + " sequences explained; written to " + out;
    }
}
