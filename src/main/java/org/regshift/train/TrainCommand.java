package org.regshift.train;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.regshift.attack.AttackMethod;
import org.regshift.cli.Progress;
import org.regshift.cli.StepCommand;
import org.regshift.cli.TableColumnOptions;
import org.regshift.cli.ThreadsOption;
import org.regshift.model.PriorFeatures;
import org.regshift.model.net.Architecture;
import org.regshift.model.net.Loss;
import org.regshift.motif.MotifReader;
import org.regshift.motif.Pwm;
import org.regshift.provenance.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code regshift train}: a Gaussian model (mean and variance) of activity from sequence. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = {
            "Train a model that predicts activity and its own uncertainty (a Gaussian: mean and log-variance, "
                + "Gaussian NLL loss) from one-hot DNA, with Adam or AdamW (--weight-decay), a constant or one-cycle learning "
                + "rate (--schedule), and early stopping on the validation NLL; "
                + "targets are standardised on the training rows and restored on output.",
            "",
            "Rows whose split is 'train' train, 'valid' rows stop early (without them a seeded 10%% of the training "
                + "rows); without a split column a seeded 80/10/10 train/valid/test split is made.",
            "",
            "Architectures: cnn (three convolutions with ReLU, max pooling and dropout), "
                + "cnn-reference (the PyTorch peer's CNN, layer for layer), bilstm (conv stem + bidirectional LSTM), "
                + "transformer (conv stem + sinusoidal positions + two self-attention blocks), legnet (default: LegNet, "
                + "Penzar et al. 2023, layer for layer: EfficientNet-style blocks with depthwise convolutions, "
                + "squeeze-and-excitation and batch norm, trained with its recipe unless options say otherwise). Every one "
                + "ends in a dense head with a mean and a log-variance output (floored).",
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

    @Option(names = "--arch", defaultValue = "legnet", paramLabel = "NAME", converter = Architectures.class,
            completionCandidates = Architectures.class, description = "Architecture: ${COMPLETION-CANDIDATES}.")
    Architecture arch;

    @Option(names = "--loss", defaultValue = "gaussian-nll", paramLabel = "NAME", description = "${COMPLETION-CANDIDATES}.")
    Loss loss;

    @Option(names = "--priors", defaultValue = "none", paramLabel = "KIND", description = "Structural priors: ${COMPLETION-CANDIDATES}.")
    PriorFeatures.Kind priors;

    @Option(names = "--motifs", paramLabel = "FILE",
            description = "Motifs of the motif priors (JASPAR or MEME; default: the 14 JASPAR 2024 motifs shipped with RegShift).")
    Path motifs;

    @Option(names = "--augment", split = ",", paramLabel = "LIST",
            description = "Training augmentation, one or more of ${COMPLETION-CANDIDATES}: rc reverse-complements "
                + "(p = 1/2), shift shifts by up to 3 bp (default: rc,shift for legnet, none for the others).")
    List<Augmentation.Kind> augment;

    @Option(names = "--adversarial", paramLabel = "METHOD",
            description = "Adversarial training against the network as it trains: fgsm or pgd (10 steps of epsilon / 4); "
                + "default none.")
    AttackMethod adversarial;

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

    @Option(names = "--batch-size", paramLabel = "N", description = "Mini-batch size (default: 256 for legnet, 128 for the others).")
    Integer batchSize;

    @Option(names = "--lr", defaultValue = "1e-3", paramLabel = "RATE", description = "Learning rate of --schedule constant.")
    double lr;

    @Option(names = "--schedule", paramLabel = "NAME",
            description = "Learning-rate schedule: ${COMPLETION-CANDIDATES} (PyTorch's OneCycleLR: from --max-lr / 25 up to "
                + "--max-lr over the first 30%% of the steps, then cosine down to --max-lr / 25 / 1e4; default: onecycle "
                + "for legnet, constant for the others).")
    Optimizer.Schedule schedule;

    @Option(names = "--max-lr", paramLabel = "RATE",
            description = "Peak learning rate of --schedule onecycle (default: 0.005 for legnet, 0.01 for the others).")
    Double maxLr;

    @Option(names = "--weight-decay", paramLabel = "W",
            description = "Decoupled weight decay (AdamW, as PyTorch applies it); 0 is Adam (default: 0.1 for legnet, 0 "
                + "for the others).")
    Double weightDecay;

    @Option(names = "--seq-len", defaultValue = "auto", paramLabel = "auto|N",
            description = "Input length: auto (the table's one length) or N (centre crop or pad with N).")
    String seqLen;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of initialisation, shuffling and splits.")
    long seed;

    @Mixin
    ThreadsOption threads;

    @Override
    protected String run(Provenance provenance, Progress progress) {
        TrainRequest request = request();
        provenance.input("data", data);
        if (motifs != null) {
            provenance.input("motifs", motifs);
        }
        TrainService.run(request, provenance, progress);
        return "model bundle written to " + out;
    }

    private TrainRequest request() {
        Recipe recipe = Recipe.of(arch);
        int batchSize = this.batchSize != null ? this.batchSize : recipe.batchSize();
        Optimizer.Schedule schedule = this.schedule != null ? this.schedule : recipe.optimizer().schedule();
        double maxLr = this.maxLr != null ? this.maxLr : recipe.optimizer().maxLearningRate();
        double weightDecay = this.weightDecay != null ? this.weightDecay : recipe.optimizer().weightDecay();
        Augmentation augmentation = augment != null ? Augmentation.of(augment) : recipe.augmentation();
        if (ensemble < 1 || epochs < 1 || patience < 1 || batchSize < 1 || !(lr > 0)) {
            throw usage("--ensemble, --epochs, --patience and --batch-size must be at least 1, --lr positive");
        }
        if (!(maxLr > 0) || Double.isInfinite(maxLr)) {
            throw usage("--max-lr must be a positive number, not " + maxLr);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw usage("--weight-decay must be 0 or more, not " + weightDecay);
        }
        if (member != null && (member < 0 || member >= ensemble)) {
            throw usage("--member must be between 0 and --ensemble - 1");
        }
        Integer length = seqLen();
        if (motifs != null && !priors.usesMotifs()) {
            throw usage("--motifs needs --priors motif or motif+gc");
        }
        Trainer.Settings settings = new Trainer.Settings(arch, loss, epochs, patience, batchSize,
                new Optimizer(lr, schedule, maxLr, weightDecay), augmentation, adversarialTraining());
        List<Pwm> pwms = !priors.usesMotifs() ? List.of() : motifs == null ? MotifReader.defaults() : MotifReader.read(motifs);
        return new TrainRequest(data, columns.columns(), settings, priors, pwms, ensemble, member, length, seed,
                threads.resolve(), out);
    }

    /** The --seq-len: null for auto. */
    private Integer seqLen() {
        if (seqLen.equals("auto")) {
            return null;
        }
        try {
            int length = Integer.parseInt(seqLen);
            if (length < 20) {
                throw usage("--seq-len must be auto or at least 20");
            }
            return length;
        } catch (NumberFormatException e) {
            throw usage("--seq-len must be auto or a whole number, not '" + seqLen + "'");
        }
    }

    private AdversarialTraining adversarialTraining() {
        if (adversarial == null) {
            return null;
        }
        if (!adversarial.gradientBased()) {
            throw usage("--adversarial must be fgsm or pgd, not '" + adversarial + "'");
        }
        if (!(epsilon >= 0 && epsilon <= 1)) {
            throw usage("--epsilon must be in [0, 1], not " + epsilon);
        }
        if (!(advWeight > 0 && advWeight <= 1)) {
            throw usage("--adv-weight must be in (0, 1], not " + advWeight);
        }
        return new AdversarialTraining(adversarial, epsilon, advWeight, 10);
    }

    /** The architectures by name, for picocli. */
    static final class Architectures implements ITypeConverter<Architecture>, Iterable<String> {
        @Override
        public Architecture convert(String name) {
            try {
                return Architecture.parse(name);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }

        @Override
        public Iterator<String> iterator() {
            return Architecture.ALL.stream().map(Architecture::name).iterator();
        }
    }
}
