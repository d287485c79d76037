package org.regshift.simulate;

import java.nio.file.Path;
import java.util.List;
import org.regshift.cli.Progress;
import org.regshift.cli.StepCommand;
import org.regshift.cli.ThreadsOption;
import org.regshift.provenance.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code regshift simulate}: MPRA libraries with known truth, with or without a distribution shift. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = {
            "Simulate MPRA libraries with known ground truth: sequences with planted motif sites, true activity "
                + "per cell type from cell programs (effects, cooperativity, redundancy, position and GC terms), "
                + "and negative binomial DNA/RNA counts per barcode and replicate. See docs/simulator.md.",
            "",
            "One library: --scenario NAME --severity X (default: reference). The benchmark suite (--suite): a "
                + "training library (train/) plus test libraries reference/ and <scenario>_<mild|moderate|severe>/, "
                + "all sharing the same cell programs and motifs.",
            "",
            "Scenarios (severity range; suite levels): reference; gc_shift (mean GC moves by the severity, "
                + "[-0.3, 0.3]; 0.05, 0.1, 0.2); motif_rewiring, pwm_perturbation, cell_type, depth_shift, "
                + "batch_shift, heteroscedastic_noise ([0, 1]; 0.25, 0.5, 1).",
            "",
            "Outputs per library: sequences.fa.gz (bgzip), counts.tsv.gz (id, [barcode], batch, dna_<rep>, "
                + "ct<k>_rna_<rep>, [n_barcodes]; read it with 'regshift qc --condition ct1'), truth.tsv (id, "
                + "activity_ct<k>, gc, batch, n_sites, sites as motif:start:strand:affinity), scenario.json; "
                + "provenance.json (and suite.json for a suite)."
        })
public final class SimulateCommand extends StepCommand {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of every random choice.")
    long seed;

    @Option(names = "--n", defaultValue = "20000", paramLabel = "N", description = "Sequences (the training library's, with --suite).")
    int n;

    @Option(names = "--length", defaultValue = "200", paramLabel = "BP", description = "Sequence length.")
    int length;

    @Option(names = "--cell-types", defaultValue = "2", paramLabel = "K", description = "Cell programs ct1..ctK.")
    int cellTypes;

    @Option(names = "--motifs", paramLabel = "FILE",
            description = "Motifs (JASPAR or MEME format; default: 14 JASPAR 2024 motifs shipped with RegShift).")
    Path motifs;

    @Option(names = "--scenario", defaultValue = "reference", paramLabel = "NAME",
            description = "Shift scenario of the library: ${COMPLETION-CANDIDATES}.")
    Scenario scenario;

    @Option(names = "--severity", paramLabel = "X", description = "Severity of the scenario (default: its moderate level).")
    Double severity;

    @Option(names = "--suite", description = "Simulate the benchmark suite instead of one library.")
    boolean suite;

    @Option(names = "--libraries", split = ",", paramLabel = "NAMES",
            description = "With --suite: only these libraries (e.g. train,gc_shift_mild), each exactly as in the whole suite, "
                + "so a pipeline can run them as separate tasks.")
    List<String> libraries = List.of();

    @Option(names = "--test-n", defaultValue = "5000", paramLabel = "N", description = "Sequences per test library of the suite.")
    int testN;

    @Option(names = "--controls", defaultValue = "0", paramLabel = "N",
            description = "Negative controls added to every library (IDs control_000001, ...): the same sequences in every "
                    + "library of a run, background at the training GC without planted sites, each measured by its "
                    + "library's truth and counts; qc --controls '^control_' normalises activities to them.")
    int controls;

    @Option(names = "--replicates", defaultValue = "2", paramLabel = "R", description = "Replicates.")
    int replicates;

    @Option(names = "--barcodes", defaultValue = "10", paramLabel = "B", description = "Mean barcodes per element (Poisson, at least 1).")
    double barcodes;

    @Option(names = "--level", defaultValue = "element", paramLabel = "LEVEL",
            description = "Counts per element (barcodes summed) or per barcode: ${COMPLETION-CANDIDATES}.")
    CountLevel level;

    @Option(names = "--gc", defaultValue = "0.42", paramLabel = "F", description = "Mean GC fraction of the sequences.")
    double gc;

    @Option(names = "--background", defaultValue = "iid", paramLabel = "MODEL",
            description = "Background sequence model: ${COMPLETION-CANDIDATES} (markov: first order, CpG depleted).")
    Background background;

    @Option(names = "--motif-rate", defaultValue = "3", paramLabel = "L", description = "Mean motif sites per sequence (Poisson).")
    double motifRate;

    @Option(names = "--batches", defaultValue = "2", paramLabel = "K", description = "Library batches.")
    int batches;

    @Option(names = "--dna-depth", defaultValue = "50", paramLabel = "READS", description = "Mean DNA reads per barcode and replicate.")
    double dnaDepth;

    @Option(names = "--rna-depth", defaultValue = "50", paramLabel = "READS",
            description = "Mean RNA reads per barcode and replicate at activity 0 (x 2^activity).")
    double rnaDepth;

    @Option(names = "--dispersion", defaultValue = "20", paramLabel = "SIZE",
            description = "Negative binomial size of the counts (variance = mean + mean^2 / size).")
    double dispersion;

    @Option(names = "--cell-type-correlation", defaultValue = "0.3", paramLabel = "R",
            description = "Correlation of motif effects between cell programs.")
    double cellTypeCorrelation;

    @Mixin
    ThreadsOption threads;

    /** Whether counts are written per element (barcodes summed) or per barcode. */
    enum CountLevel {
        ELEMENT, BARCODE;

        @Override
        public String toString() {
            return name().toLowerCase();
        }
    }

    /** The background sequence model. */
    enum Background {
        IID, MARKOV;

        @Override
        public String toString() {
            return name().toLowerCase();
        }
    }

    @Override
    protected String run(Provenance provenance, Progress progress) {
        SimRequest request = request();
        if (motifs != null) {
            provenance.input("motifs", motifs);
        }
        SimulateService.Result result = SimulateService.run(request, provenance, progress);
        return result.sequences() + " sequences in " + result.libraries() + (result.libraries() == 1 ? " library" : " libraries")
                + " written to " + out;
    }

    private SimRequest request() {
        if (!libraries.isEmpty() && !suite) {
            throw usage("--libraries needs --suite");
        }
        if (testN < 1) {
            throw usage("--test-n must be at least 1");
        }
        if (controls < 0 || controls > 1_000_000) {
            throw usage("--controls must be between 0 and 1000000");
        }
        if (suite && (severity != null || scenario != Scenario.REFERENCE)) {
            throw usage("--suite simulates every scenario: drop --scenario and --severity");
        }
        double x = severity == null ? scenario.defaultSeverity() : severity;
        try {
            scenario.checkSeverity(x);
            SimParameters params = new SimParameters(n, length, cellTypes, replicates, barcodes, level == CountLevel.BARCODE, gc,
                    0.05, background == Background.MARKOV, motifRate, batches, dnaDepth, rnaDepth, dispersion,
                    cellTypeCorrelation);
            return new SimRequest(params, motifs, scenario, x, suite, testN, libraries, controls, seed, threads.resolve(), out);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }
}
