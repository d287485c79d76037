package org.regshift.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * An independent reading of the Sharpr-MPRA barcode table for tests: per oligo and replicate,
 * barcodes with DNA >= 1 and RNA >= 1, RNA z-score outliers (|z| > 3) removed, at least 10 barcodes,
 * log2(sum RNA / sum DNA). Written plainly, without RegShift's classes, to check RegShift against.
 */
public final class SharprData {
    public static final Path BARCODES = Cli.TEST_DATA.resolve("sharpr/sharpr_pilot_barcode_counts.tsv.gz");
    public static final Path OLIGOS = Cli.TEST_DATA.resolve("sharpr/sharpr_pilot_oligo_counts.tsv");

    private SharprData() {
    }

    /** Pearson correlation of the two replicates' log ratios, over oligos measured in both. */
    public static double replicatePearson(String condition) {
        Map<String, List<long[]>> rows = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(BARCODES)), StandardCharsets.UTF_8))) {
            List<String> header = List.of(in.readLine().split("\t"));
            int d1 = header.indexOf("plasmid_rep1");
            int d2 = header.indexOf("plasmid_rep2");
            int r1 = header.indexOf(condition + "_rna_rep1");
            int r2 = header.indexOf(condition + "_rna_rep2");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split("\t");
                rows.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new long[] {
                    Long.parseLong(f[d1]), Long.parseLong(f[r1]), Long.parseLong(f[d2]), Long.parseLong(f[r2])});
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Double> a = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        for (List<long[]> barcodes : rows.values()) {
            double x = logRatio(barcodes, 0);
            double y = logRatio(barcodes, 2);
            if (!Double.isNaN(x) && !Double.isNaN(y)) {
                a.add(x);
                b.add(y);
            }
        }
        return pearson(a, b);
    }

    private static double logRatio(List<long[]> barcodes, int offset) {
        List<long[]> pass = barcodes.stream().filter(c -> c[offset] >= 1 && c[offset + 1] >= 1).toList();
        double mean = pass.stream().mapToLong(c -> c[offset + 1]).average().orElse(0);
        double sd = Math.sqrt(pass.stream().mapToDouble(c -> Math.pow(c[offset + 1] - mean, 2)).sum() / (pass.size() - 1));
        List<long[]> kept = pass.size() < 3 || sd == 0 ? pass
                : pass.stream().filter(c -> Math.abs(c[offset + 1] - mean) / sd <= 3).toList();
        if (kept.size() < 10) {
            return Double.NaN;
        }
        double dna = kept.stream().mapToLong(c -> c[offset]).sum();
        double rna = kept.stream().mapToLong(c -> c[offset + 1]).sum();
        return Math.log(rna / dna) / Math.log(2);
    }

    private static double pearson(List<Double> x, List<Double> y) {
        double mx = x.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double my = y.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.size(); i++) {
            sxy += (x.get(i) - mx) * (y.get(i) - my);
            sxx += (x.get(i) - mx) * (x.get(i) - mx);
            syy += (y.get(i) - my) * (y.get(i) - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
