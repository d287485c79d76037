package org.regshift.qc;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.regshift.cli.Progress;
import org.regshift.cli.StepCommand;
import org.regshift.provenance.Provenance;
import org.regshift.split.GroupSplitter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code regshift qc}: MPRA counts in, activity table and QC report out. */
@Command(name = "qc", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = {
            "Estimate element activities from MPRA DNA/RNA counts, split them, and report QC.",
            "",
            "Estimator: per replicate, barcodes with DNA >= --min-dna-count and RNA >= --min-rna-count are kept "
                + "(+1 pseudocount only on a side whose minimum is 0), barcodes whose RNA count is an outlier "
                + "within the element are removed (--outlier), and the replicate activity is log2 of the "
                + "CPM-normalised per-barcode mean RNA over the CPM-normalised per-barcode mean DNA (CPM by the "
                + "replicate's kept totals). An element needs --min-barcodes kept barcodes in every replicate; "
                + "its activity is the mean over replicates and activity_se their standard error. Element-level "
                + "tables (no 'barcode' column) skip the barcode and outlier filters.",
            "",
            "Outputs in --out: activity.tsv, dropped.tsv, qc.json, qc.tsv, plots (PNG and SVG), MultiQC custom "
                + "content (*_mqc.tsv, *_mqc.json) and provenance.json."
        })
public final class QcCommand extends StepCommand {
    @Option(names = "--counts", required = true, split = ",", paramLabel = "FILE",
            description = "Count table (TSV, plain or gzip), barcode- or element-level, wide or long (MPRAsnakeflow's "
                    + "oligo table); or MPRAflow's per-replicate tables (<condition>_<rep>_counts.tsv), comma-separated.")
    List<Path> counts;

    @Option(names = "--fasta", paramLabel = "FILE", description = "Sequences (FASTA, plain, gzip or bgzip), IDs as in the counts.")
    Path fasta;

    @Option(names = "--condition", paramLabel = "NAME",
            description = "Condition (cell type) whose <condition>_rna_<rep> columns to use; needed when the table has several.")
    String condition;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--sample", paramLabel = "NAME",
            description = "Sample name in qc.json and the MultiQC files (default: --condition, else the count file's name).")
    String sample;

    @Option(names = "--id-column", paramLabel = "NAME",
            description = "ID column (default: the first of id, oligo_id, oligo_name, name).")
    String idColumn;

    @Option(names = "--sequence-column", paramLabel = "NAME",
            description = "Column holding sequences (default: 'sequence' when present and no --fasta).")
    String sequenceColumn;

    @Option(names = "--dna-columns", split = ",", paramLabel = "COLS",
            description = "DNA count columns, one per replicate (default: dna_<rep>, dna_count_<rep>, plasmid_<rep>).")
    List<String> dnaColumns = List.of();

    @Option(names = "--rna-columns", split = ",", paramLabel = "COLS",
            description = "RNA count columns paired by position with --dna-columns (default: rna_<rep>, <condition>_rna_<rep>).")
    List<String> rnaColumns = List.of();

    @Option(names = "--keep-columns", split = ",", paramLabel = "COLS",
            description = "Extra columns to carry into activity.tsv (batch, cell_type, condition, group, scenario always are).")
    List<String> keepColumns = List.of();

    @Option(names = "--min-dna-count", defaultValue = "1", paramLabel = "N", description = "Minimum DNA count of a barcode.")
    long minDnaCount;

    @Option(names = "--min-rna-count", defaultValue = "1", paramLabel = "N", description = "Minimum RNA count of a barcode.")
    long minRnaCount;

    @Option(names = "--outlier", defaultValue = "zscore", paramLabel = "RULE",
            description = "Barcode outlier removal on RNA counts within an element: zscore, mad (robust z-score) or none.")
    OutlierRule outlier;

    @Option(names = "--outlier-threshold", defaultValue = "3", paramLabel = "Z", description = "|score| above which a barcode is an outlier.")
    double outlierThreshold;

    @Option(names = "--min-barcodes", defaultValue = "10", paramLabel = "N",
            description = "Barcodes an element needs in every replicate.")
    int minBarcodes;

    @Option(names = "--controls", paramLabel = "REGEX",
            description = "Negative control elements: IDs that this regular expression finds (e.g. '^control_'). Each "
                    + "replicate's activities are then relative to the median of the controls that every replicate measured, "
                    + "not to the replicate's totals alone, so libraries that share the controls share one scale; the "
                    + "controls are dropped (reason 'control') and qc.json records the medians.")
    String controls;

    @Option(names = "--allow-missing", description = "Drop elements whose ID is not in --fasta (counted in qc.json) instead of failing.")
    boolean allowMissing;

    @Option(names = "--iupac-to-n", description = "Read IUPAC ambiguity codes (R, Y, ...) as N instead of failing.")
    boolean iupacToN;

    @Option(names = "--split-by", paramLabel = "COLUMN",
            description = "Keep elements sharing this column's value (e.g. region_id) in one split.")
    String splitBy;

    @Option(names = "--split-fractions", defaultValue = "0.7,0.1,0.1,0.1", paramLabel = "F",
            description = "Fractions for train,valid,calibration,test.")
    String splitFractions;

    @Option(names = "--split-column", paramLabel = "COLUMN",
            description = "Keep the split in this column (train/valid/calibration/test) instead of making one.")
    String splitColumn;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the split.")
    long seed;

    @Override
    protected String progressUnit() {
        return "rows";
    }

    @Override
    protected String run(Provenance provenance, Progress progress) {
        QcRequest request = request();
        for (int i = 0; i < counts.size(); i++) {
            provenance.input(i == 0 ? "counts" : "counts_" + (i + 1), counts.get(i));
        }
        if (fasta != null) {
            provenance.input("fasta", fasta);
        }
        QcService.Summary summary = QcService.run(request, provenance, progress);
        return summary.kept() + " elements with activity written to " + summary.activity();
    }

    private Pattern controlPattern() {
        try {
            return Pattern.compile(controls);
        } catch (PatternSyntaxException e) {
            throw usage("--controls '" + controls + "' is not a regular expression: " + e.getDescription());
        }
    }

    private QcRequest request() {
        if (splitBy != null && splitColumn != null) {
            throw usage("--split-by and --split-column exclude each other");
        }
        try {
            QcParameters params = new QcParameters(minDnaCount, minRnaCount, outlier, outlierThreshold, minBarcodes,
                    controls == null ? null : controlPattern());
            double[] fractions = GroupSplitter.parseFractions(splitFractions);
            CountLayoutDetector.Choices columns = new CountLayoutDetector.Choices(idColumn, sequenceColumn, dnaColumns,
                    rnaColumns, condition, keepColumns);
            return new QcRequest(counts, fasta, columns, params, allowMissing, iupacToN, splitBy, splitColumn, fractions,
                    seed, sample, out);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }
}
