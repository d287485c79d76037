package org.regshift.calibrate;

import java.nio.file.Path;
import java.util.List;
import org.regshift.cli.Progress;
import org.regshift.cli.StepCommand;
import org.regshift.provenance.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code regshift calibrate}: recalibrated predictive intervals. */
@Command(name = "calibrate", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = {
            "Fit a recalibration of the predictive intervals on a predictions table with true values (--fit, e.g. the "
                + "calibration split) and apply it to predictions tables (--apply NAME.tsv -> NAME.calibrated.tsv, with "
                + "var_total, var_aleatoric and var_epistemic scaled and lower/upper recomputed at the first --level, lower_<P>/upper_<P> at the others).",
            "",
            "Methods: none; variance-scaling (var x s^2, s^2 = mean((y - mu)^2 / var), the NLL-optimal factor); "
                + "isotonic (Kuleshov et al. 2018 quantile recalibration of the predicted CDF; intervals may be asymmetric); "
                + "conformal (split conformal with the score |y - mu| / sigma, threshold the ceil(level (n + 1))-th "
                + "smallest score); mondrian (conformal per group: GC bins of the 'gc' column by default, or --group-by "
                + "COLUMN); weighted-conformal (Tibshirani et al. 2019: conformal under covariate shift, each applied "
                + "table weighing the calibration rows by the density ratio of its inputs to theirs, from a logistic "
                + "classifier on --weight-features; each test row gets its own weighted quantile). Outputs: calibrator.json, the calibrated tables, calibration.json (coverage, mean width, NLL, "
                + "MACE, sharpness before and after, on the fit set and on every applied table that has y)."
        })
public final class CalibrateCommand extends StepCommand {
    @Option(names = "--fit", required = true, paramLabel = "FILE", description = "Predictions with a y column to fit on.")
    Path fit;

    @Option(names = "--fit-split", defaultValue = "calibration", paramLabel = "NAME",
            description = "When --fit has a 'split' column, fit only on its rows of this split.")
    String fitSplit;

    @Option(names = "--apply", required = true, arity = "1..*", paramLabel = "FILE", description = "Predictions to recalibrate.")
    List<Path> apply;

    @Option(names = "--method", defaultValue = "conformal", paramLabel = "M", description = "${COMPLETION-CANDIDATES}.")
    CalibrationMethod method;

    @Option(names = "--level", defaultValue = "0.9", split = ",", paramLabel = "P",
            description = "Coverage levels (repeat or comma-separate): lower/upper at the first, lower_<P>/upper_<P> at the others.")
    List<Double> levels;

    @Option(names = "--group-by", paramLabel = "COLUMN", description = "Mondrian groups: this column's values (default: GC bins).")
    String groupBy;

    @Option(names = "--gc-bins", defaultValue = "5", paramLabel = "K", description = "Mondrian GC bins (equal-size, from the fit set).")
    int gcBins;

    @Option(names = "--weight-features", defaultValue = "gc,ood", split = ",", paramLabel = "COLUMN",
            description = "weighted-conformal: the numeric columns the density ratio is estimated on (predict writes ood; "
                + "qc's gc passes through).")
    List<String> weightFeatures;

    @Option(names = "--weight-clip", defaultValue = "1000", paramLabel = "C",
            description = "weighted-conformal: density ratios are clipped to [1/C, C].")
    double weightClip;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Override
    protected void checkOptions() {
        for (double level : levels) {
            if (!(level > 0 && level < 1)) {
                throw usage("--level must be between 0 and 1, not " + level);
            }
        }
        if (levels.stream().distinct().count() < levels.size()) {
            throw usage("--level values must differ");
        }
        if (!(weightClip > 1) || Double.isInfinite(weightClip)) {
            throw usage("--weight-clip must be a number above 1, not " + weightClip);
        }
        if (gcBins < 1) {
            throw usage("--gc-bins must be at least 1");
        }
    }

    @Override
    protected String run(Provenance provenance, Progress progress) {
        provenance.input("fit", fit);
        for (int i = 0; i < apply.size(); i++) {
            provenance.input("apply_" + i, apply.get(i));
        }
        CalibrateService.Result result = CalibrateService.run(new CalibrateService.Request(fit, fitSplit, apply, method,
                levels.stream().mapToDouble(Double::doubleValue).toArray(), groupBy, gcBins, weightFeatures, weightClip, out), provenance);
        return result.calibratedTables().size() + " calibrated tables written to " + out;
    }
}
