package org.regshift.predict;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.regshift.io.AtomicFile;
import org.regshift.io.TsvWriter;
import org.regshift.model.ModelBundle;
import org.regshift.model.Predictor;
import org.regshift.provenance.Provenance;
import org.regshift.seq.SequenceSource;
import org.regshift.seq.SequenceTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Predicts for every row of a table, streaming it in batches, and writes predictions.tsv: id,
 * mean, var_aleatoric, var_epistemic, var_total, lower and upper (the central interval of the
 * predictive Gaussian at the level), y when the table has the target, ood (the distance of the
 * sequence's GC and motif features from the training rows'), then the other columns.
 */
public final class PredictService {
    private static final Logger LOG = LoggerFactory.getLogger(PredictService.class);
    private PredictService() {
    }

    /** Where and how: the level of the interval (e.g. 0.9) and the batch size. */
    public record Request(Path model, Path data, SequenceTable.Columns columns, double level, int batchSize,
                          Boolean reverseComplementAverage, int threads, Path out) {
    }

    /**
     * What was written: the rows predicted, how many of their sequences were longer than the model's
     * input (centre-cropped) or shorter (centre-padded with N), the engine, and the networks' forward throughput.
     */
    public record Result(long rows, long cropped, long padded, String engine, double forwardSequencesPerSecond) {
    }

    /** Rows written and sequences fitted to the model's length. */
    private static final class Tally {
        long rows;
        long cropped;
        long padded;
    }

    /**
     * Predicts every row into {@code request.out()}, then writes the provenance beside it
     * ({@link #provenanceFile}).
     */
    public static Result run(Request request, Provenance provenance, LongConsumer progress) {
        ModelBundle bundle = ModelBundle.load(request.model());
        try (Predictor predictor = new Predictor(bundle, bundle.averagesStrands(request.reverseComplementAverage()),
                request.threads())) {
            LOG.info("predict: engine {}", predictor.engine().describe());
            Tally tally = run(request, predictor, progress);
            Result result = new Result(tally.rows, tally.cropped, tally.padded, predictor.engine().describe(),
                    predictor.forwardThroughput());
            if (tally.cropped + tally.padded > 0) {
                LOG.warn("predict: {} of {} sequences were longer than the model's {} bp and centre-cropped, {} shorter and "
                        + "centre-padded with N", tally.cropped, tally.rows, predictor.length(), tally.padded);
            }
            LOG.info("predict: the networks' forward passes ran at {} sequences/s",
                    String.format("%.0f", result.forwardSequencesPerSecond()));
            provenance.put("engine", result.engine());
            provenance.put("rows", tally.rows);
            provenance.put("cropped", tally.cropped);
            provenance.put("padded", tally.padded);
            try (AtomicFile file = new AtomicFile(provenanceFile(request.out()))) {
                provenance.write(file.path());
                file.commit();
            }
            return result;
        }
    }

    /** Where the provenance of a predictions table goes: NAME.tsv[.gz] gets NAME.provenance.json beside it. */
    public static Path provenanceFile(Path table) {
        String name = table.getFileName().toString().replaceFirst("(\\.tsv)?(\\.gz)?$", "");
        return table.resolveSibling(name + ".provenance.json");
    }

    private static Tally run(Request request, Predictor predictor, LongConsumer progress) {
        double z = new org.apache.commons.math3.distribution.NormalDistribution().inverseCumulativeProbability(
                0.5 + request.level() / 2);
        Tally tally = new Tally();
        try (AtomicFile file = new AtomicFile(request.out());
             SequenceSource table = SequenceSource.open(request.data(), request.columns())) {
            List<String> header = new ArrayList<>(List.of("id", "mean", "var_aleatoric", "var_epistemic", "var_total",
                    "lower", "upper"));
            if (table.hasTarget()) {
                header.add("y");
            }
            header.add("ood");
            header.addAll(table.passThroughColumns());
            try (TsvWriter w = new TsvWriter(file.path(), header)) {
                List<SequenceTable.Row> batch = new ArrayList<>(request.batchSize());
                for (SequenceTable.Row r = table.next(); r != null; r = table.next()) {
                    batch.add(r);
                    int length = r.sequence().length();
                    tally.cropped += length > predictor.length() ? 1 : 0;
                    tally.padded += length < predictor.length() ? 1 : 0;
                    if (batch.size() == request.batchSize()) {
                        tally.rows += write(predictor, batch, z, table.hasTarget(), w);
                        progress.accept(tally.rows);
                    }
                }
                tally.rows += write(predictor, batch, z, table.hasTarget(), w);
                progress.accept(tally.rows);
            }
            file.commit();
        }
        return tally;
    }

    /** Predicts and writes a batch, then empties it; returns how many rows it held. */
    private static int write(Predictor predictor, List<SequenceTable.Row> batch, double z, boolean target, TsvWriter w) {
        if (batch.isEmpty()) {
            return 0;
        }
        Predictor.Prediction[] p = predictor.predict(batch.stream().map(SequenceTable.Row::sequence).toList());
        for (int i = 0; i < p.length; i++) {
            SequenceTable.Row r = batch.get(i);
            double half = z * Math.sqrt(p[i].varTotal());
            List<Object> row = new ArrayList<>(List.of(r.id(), p[i].mean(), p[i].varAleatoric(), p[i].varEpistemic(),
                    p[i].varTotal(), p[i].mean() - half, p[i].mean() + half));
            if (target) {
                row.add(r.target());
            }
            row.add(p[i].ood());
            row.addAll(r.passThrough());
            w.row(row);
        }
        batch.clear();
        return p.length;
    }
}
