package org.regshift.train;
import org.regshift.cli.Progress;
import org.regshift.cli.StepCommand;
import org.regshift.cli.TableColumnOptions;
import org.regshift.cli.ThreadsOption;

import java.nio.file.Path;
import java.util.List;
import org.regshift.attack.Adversary;
import org.regshift.model.net.Architecture;
import org.regshift.model.net.Loss;
import org.regshift.model.PriorFeatures;
import org.regshift.motif.MotifReader;
import org.regshift.motif.Pwm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code regshift train}: a Gaussian model (mean and variance) of activity from sequence. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = {
            "Train a model that predicts activity and its own uncertainty (a Gaussian: mean and log-variance, "
                + "Gaussian NLL loss) from one-hot DNA, with Adam and early stopping on the validation NLL; "
                + "targets are standardised on the training rows and restored on output.",
            "",
            "Rows whose split is 'train' train, 'valid' rows stop early (without them a seeded 10% of the training "
                + "rows); without a split column a seeded 80/10/10 train/valid/test split is made.",
            "",
            "Architectures: cnn (default: three conv blocks with batch norm, ReLU, max pooling and dropout), "
                + "cnn-reference (the PyTorch peer's CNN, layer for layer), bilstm (conv stem + bidirectional LSTM), "
                + "transformer (conv stem + sinusoidal positions + two self-attention blocks). Every one ends in a dense "
                + "head with a mean and a log-variance output (floored).",
            "",
            "Losses: gaussian-nll; beta-nll (Seitzer et al. 2022, beta 0.5); mse (the variance is then the member's "
                + "validation MSE, and the ensemble's spread). Priors: GC fraction and, per motif, the best PWM score "
                + "and the number of sites (relative score >= 0.85, both strands), standardised on the training rows "
                + "and merged into the head.",
            "",
            "Output: a model bundle directory (model.json, member_<i>.zip in DL4J's format, provenance.json)."
        })
public final class TrainCommand extends StepCommand {
    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Activity table (TSV, plain or gzip).")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "BUNDLE", description = "Model bundle directory to write.")
    Path out;

    @Mixin
    TableColumnOptions columns;

    @Option(names = "--arch", defaultValue = "cnn", paramLabel = "NAME",
            description = "Architecture: cnn, cnn-reference, bilstm or transformer.")
    String arch;

    @Option(names = "--loss", defaultValue = "gaussian-nll", paramLabel = "NAME", description = "gaussian-nll, beta-nll or mse.")
    String loss;

    @Option(names = "--priors", defaultValue = "none", paramLabel = "KIND", description = "Structural priors: none, gc, motif or motif+gc.")
    String priors;

    @Option(names = "--motifs", paramLabel = "FILE",
            description = "Motifs of the motif priors (JASPAR or MEME; default: the 14 JASPAR 2024 motifs shipped with RegShift).")
    Path motifs;

    @Option(names = "--augment", defaultValue = "none", paramLabel = "LIST",
            description = "Training augmentation: none, rc (reverse complement, p = 1/2), shift (up to 3 bp), or rc,shift.")
    String augment;

    @Option(names = "--adversarial", defaultValue = "none", paramLabel = "METHOD",
            description = "Adversarial training: none, fgsm or pgd (10 steps of epsilon / 4) against the network as it trains.")
    String adversarial;

    @Option(names = "--epsilon", defaultValue = "0.1", paramLabel = "E",
            description = "Adversarial training: attack strength on the one-hot input relaxed to the simplex, in [0, 1].")
    double epsilon;

    @Option(names = "--adv-weight", defaultValue = "0.5", paramLabel = "W",
            description = "Adversarial training: the fraction of each mini-batch replaced by its attacked rows, in (0, 1].")
    double advWeight;

    @Option(names = "--ensemble", defaultValue = "1", paramLabel = "M", description = "Ensemble members (seeds seed+i).")
    int ensemble;

    @Option(names = "--member", paramLabel = "I",
            description = "Train only member I (0-based, seed+I) of the --ensemble, for one task per member; merge with 'regshift ensemble'.")
    Integer member;

    @Option(names = "--epochs", defaultValue = "30", paramLabel = "N", description = "Most epochs.")
    int epochs;

    @Option(names = "--patience", defaultValue = "5", paramLabel = "N", description = "Epochs without a better validation NLL before stopping.")
    int patience;

    @Option(names = "--batch-size", defaultValue = "128", paramLabel = "N", description = "Mini-batch size.")
    int batchSize;

    @Option(names = "--lr", defaultValue = "1e-3", paramLabel = "RATE", description = "Adam learning rate.")
    double lr;

    @Option(names = "--seq-len", defaultValue = "auto", paramLabel = "auto|N",
            description = "Input length: auto (the table's one length) or N (centre crop or pad with N).")
    String seqLen;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of initialisation, shuffling and splits.")
    long seed;

    @Mixin
    ThreadsOption threads;

    @Override
    public Integer call() {
        TrainRequest request = request();
        var provenance = provenance();
        provenance.input("data", data);
        if (motifs != null) {
            provenance.input("motifs", motifs);
        }
        try (Progress progress = new Progress("train", "sequences")) {
            TrainService.run(request, provenance, progress);
            progress.finish();
        }
        spec.commandLine().getErr().println("train: model bundle written to " + out);
        return 0;
    }

    private TrainRequest request() {
        try {
            if (ensemble < 1 || epochs < 1 || patience < 1 || batchSize < 1 || !(lr > 0)) {
                throw new IllegalArgumentException("--ensemble, --epochs, --patience and --batch-size must be at least 1, --lr positive");
            }
            if (member != null && (member < 0 || member >= ensemble)) {
                throw new IllegalArgumentException("--member must be between 0 and --ensemble - 1");
            }
            Integer length = seqLen.equals("auto") ? null : Integer.valueOf(seqLen);
            if (length != null && length < 20) {
                throw new IllegalArgumentException("--seq-len must be auto or at least 20");
            }
            PriorFeatures.Kind priorKind = PriorFeatures.Kind.parse(priors);
            if (motifs != null && !priorKind.usesMotifs()) {
                throw new IllegalArgumentException("--motifs needs --priors motif or motif+gc");
            }
            Trainer.Settings settings = new Trainer.Settings(Architecture.parse(arch), Loss.parse(loss), epochs, patience,
                    batchSize, lr, Augmentation.parse(augment), adversarialTraining());
            List<Pwm> pwms = !priorKind.usesMotifs() ? List.of() : motifs == null ? MotifReader.defaults() : MotifReader.read(motifs);
            return new TrainRequest(data, columns.columns(), settings, priorKind, pwms, ensemble, member, length, seed, threads.resolve(), out);
        } catch (NumberFormatException e) {
            throw usage("--seq-len must be auto or a whole number, not '" + seqLen + "'");
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private AdversarialTraining adversarialTraining() {
        if (adversarial.equals("none")) {
            return null;
        }
        if (!adversarial.equals("fgsm") && !adversarial.equals("pgd")) {
            throw new IllegalArgumentException("--adversarial must be none, fgsm or pgd, not '" + adversarial + "'");
        }
        if (!(epsilon >= 0 && epsilon <= 1)) {
            throw new IllegalArgumentException("--epsilon must be in [0, 1], not " + epsilon);
        }
        if (!(advWeight > 0 && advWeight <= 1)) {
            throw new IllegalArgumentException("--adv-weight must be in (0, 1], not " + advWeight);
        }
        return new AdversarialTraining(adversarial.equals("fgsm") ? Adversary.Method.FGSM : Adversary.Method.PGD, epsilon,
                advWeight, 10);
    }
}
