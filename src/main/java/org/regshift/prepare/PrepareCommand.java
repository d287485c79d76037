package org.regshift.prepare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.regshift.cli.Progress;
import org.regshift.cli.StepCommand;
import org.regshift.cli.TableColumnOptions;
import org.regshift.provenance.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code regshift prepare}: a measured activity table as RegShift's activity table, with shift truth tables. */
@Command(name = "prepare", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = {"Turn a table of measured activities (any value column; folds or split names) into RegShift's "
            + "activity table, for train and predict in place of qc's: id, sequence, activity (--target-column), gc (unless "
            + "the table has one), split "
            + "(train, valid, calibration, test: the --split-column's values through the split lists, e.g. folds "
            + "--train-splits 1-8 --valid-splits 9 --test-splits 10), then the table's other columns. A table without "
            + "the split column (and no lists) is written without one, for train's seeded split.",
            "",
            "Each --shift-columns column holds the same sequences measured elsewhere (another cell type or condition): "
                + "it is written as shift_<column>.tsv (id, y), the truth of a shifted scenario for 'evaluate --truth'.",
            "",
            "Outputs: activity.tsv, shift_<column>.tsv per shift column, provenance.json."})
public final class PrepareCommand extends StepCommand {
    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Table of measured activities (TSV, plain or gzip).")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Mixin
    TableColumnOptions columns;

    @Option(names = "--train-splits", paramLabel = "LIST", description = "Split-column values of the training rows (e.g. 1-8 or 1,2,3).")
    String trainSplits;

    @Option(names = "--valid-splits", paramLabel = "LIST", description = "Values of the rows that stop training early.")
    String validSplits;

    @Option(names = "--calibration-splits", paramLabel = "LIST", description = "Values of the rows that calibrate.")
    String calibrationSplits;

    @Option(names = "--test-splits", paramLabel = "LIST", description = "Values of the held-out test rows.")
    String testSplits;

    @Option(names = "--shift-columns", split = ",", paramLabel = "NAME",
            description = "Columns of the same sequences measured elsewhere, one shifted scenario each.")
    List<String> shiftColumns = new ArrayList<>();

    @Override
    protected String run(Provenance provenance, Progress progress) {
        PrepareService.Result r = PrepareService.run(new PrepareService.Request(data, out, columns.columns(),
                java.util.Arrays.asList(trainSplits, validSplits, calibrationSplits, testSplits), shiftColumns), provenance, progress);
        String splits = r.rowsPerSplit().entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        return "activity table (" + splits + ")" + (r.shiftColumns().isEmpty() ? "" : " and " + r.shiftColumns().size()
                + " shift truth tables") + " written to " + r.out();
    }
}
