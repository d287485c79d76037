package org.regshift.simulate;

import java.util.ArrayList;
import java.util.List;
import org.regshift.motif.Bases;
import org.regshift.motif.Pwm;

/**
 * Draws the elements of one library: its {@code n} designed elements, then its negative controls.
 * Element {@code i} depends only on the library seed and {@code i}, so the output is the same
 * whatever the number of threads or the chunking. A control's sequence depends only on the
 * controls' seed and its number, so every library of a suite holds the same control sequences,
 * each measured by that library's truth and counts.
 */
final class LibraryGenerator {
    private static final int PLACEMENT_TRIES = 20;
    private static final double CPG_DEPLETION = 0.25;
    private static final int BARCODE_LENGTH = 12;

    private final SimParameters p;
    private final CellPrograms programs;
    private final List<Pwm> motifs;
    private final Occupancy occupancy;
    private final Shift shift;
    private final long seed;
    private final String idPrefix;
    private final int idDigits;
    private final int controls;
    private final long controlSeed;

    /**
     * @param motifs the PWMs sites are drawn from and every window is scored by: the programs' own,
     *               or perturbed ones (a change of binding specificity)
     */
    LibraryGenerator(SimParameters p, CellPrograms programs, List<Pwm> motifs, Shift shift, long seed, String idPrefix,
                     int controls, long controlSeed) {
        this.p = p;
        this.programs = programs;
        this.motifs = motifs;
        this.occupancy = new Occupancy(motifs);
        this.shift = shift;
        this.seed = seed;
        this.idPrefix = idPrefix;
        this.idDigits = Math.max(6, String.valueOf(p.n()).length());
        this.controls = controls;
        this.controlSeed = controlSeed;
    }

    /** The library's elements: the designed ones and the controls. */
    long size() {
        return p.n() + (long) controls;
    }

    /**
     * PWMs with a changed specificity: each position, with probability {@code fraction}, has its
     * four base probabilities rotated by one to three places (A C G T to C G T A, ...), so the
     * preferred bases change while every position keeps its information content.
     */
    static List<Pwm> perturb(List<Pwm> motifs, double fraction, Draws d) {
        List<Pwm> out = new ArrayList<>();
        for (Pwm m : motifs) {
            double[][] q = m.probabilities();
            for (int i = 0; i < m.length(); i++) {
                // both draws at every position, so a milder fraction rotates a subset of a severer one's positions
                boolean rotate = d.bernoulli(fraction);
                int by = 1 + d.uniformInt(3);
                if (rotate) {
                    double[] row = q[i].clone();
                    for (int b = 0; b < 4; b++) {
                        q[i][(b + by) % 4] = row[b];
                    }
                }
            }
            out.add(m.withProbabilities(q));
        }
        return out;
    }

    SimElement generate(long index) {
        Draws d = new Draws(Draws.derive(seed, index));
        if (index >= p.n()) {
            long k = index - p.n();
            String sequence = sequence(new Draws(Draws.derive(controlSeed, k)), 0, 0, new ArrayList<>());
            return measure(d, "control_" + String.format("%06d", k + 1), sequence, List.of());
        }
        List<Site> sites = new ArrayList<>();
        String sequence = sequence(d, p.motifRate(), shift.gcShift(), sites);
        List<Site> planted = new ArrayList<>(sites.size());
        for (Site s : sites) {
            planted.add(new Site(s.motif(), s.start(), s.minus(), Occupancy.of(motifs.get(s.motif()), sequence, s.start(), s.minus())));
        }
        planted.sort((x, y) -> Integer.compare(x.start(), y.start()));
        return measure(d, idPrefix + "_" + String.format("%0" + idDigits + "d", index + 1), sequence, planted);
    }

    /**
     * A sequence with Poisson({@code motifRate}) planted sites (added to {@code sites}) in a
     * background whose GC brings the whole sequence to a draw around the mean GC plus {@code gcShift}.
     */
    private String sequence(Draws d, double motifRate, double gcShift, List<Site> sites) {
        int length = p.length();
        char[] seq = new char[length];
        boolean[] used = new boolean[length];
        int siteBases = 0;
        int siteGc = 0;
        long count = d.poisson(motifRate);
        for (long k = 0; k < count; k++) {
            int motif = d.uniformInt(motifs.size());
            Pwm pwm = motifs.get(motif);
            int start = place(d, used, pwm.length());
            if (start < 0) {
                continue;
            }
            boolean minus = d.bernoulli(0.5);
            for (int i = 0; i < pwm.length(); i++) {
                int base = drawBase(d, pwm, i);
                char c = Bases.ACGT.charAt(minus ? 3 - base : base);
                seq[start + (minus ? pwm.length() - 1 - i : i)] = c;
                used[start + i] = true;
                siteGc += c == 'G' || c == 'C' ? 1 : 0;
            }
            siteBases += pwm.length();
            sites.add(new Site(motif, start, minus, 0));
        }
        double target = Math.min(0.95, Math.max(0.05, d.normal(p.gcMean() + gcShift, p.gcSd())));
        double background = length == siteBases ? 0.5
                : Math.min(0.98, Math.max(0.02, (target * length - siteGc) / (length - siteBases)));
        fillBackground(d, seq, used, background);
        return new String(seq);
    }

    /** The element as this library measures it: its truth in every cell type, its batch and its counts. */
    private SimElement measure(Draws d, String id, String sequence, List<Site> planted) {
        double gc = org.regshift.seq.Alphabet.gcFraction(sequence);
        List<Site> occupied = occupancy.windows(sequence);
        double[] activity = new double[programs.cellTypes()];
        for (int t = 0; t < activity.length; t++) {
            activity[t] = programs.activity(t, occupied, gc, sequence.length());
        }
        // under batch_shift half the elements go to the new batch, so that normalising the library cannot cancel it
        int batchIndex = shift.newBatch() && d.bernoulli(0.5) ? -1 : d.uniformInt(p.batches());
        String batch = batchIndex < 0 ? "batch_new" : "batch" + (batchIndex + 1);
        double batchLog2 = batchIndex < 0 ? shift.newBatchLog2Factor() + shift.newBatchGcSlope() * (gc - 0.5)
                : programs.batchLog2Factor[batchIndex];
        return counts(d, id, sequence, planted, gc, batch, activity, batchLog2);
    }

    private SimElement counts(Draws d, String id, String sequence, List<Site> sites, double gc, String batch,
                              double[] activity, double batchLog2) {
        int reps = p.replicates();
        int cells = activity.length;
        int barcodes = (int) Math.max(1, d.poisson(p.barcodes()));
        double abundance = d.lognormalMeanOne(SimParameters.ELEMENT_ABUNDANCE_SIGMA);
        double depth = shift.depthFactor();
        String[] names = new String[barcodes];
        long[][] counts = new long[barcodes][reps * (1 + cells)];
        for (int b = 0; b < barcodes; b++) {
            names[b] = p.barcodeLevel() ? randomBarcode(d) : null;
            double f = abundance * d.lognormalMeanOne(SimParameters.BARCODE_ABUNDANCE_SIGMA);
            for (int r = 0; r < reps; r++) {
                double dnaMean = p.dnaDepth() * f * depth;
                counts[b][r] = d.negativeBinomial(dnaMean, p.dispersion());
                for (int t = 0; t < cells; t++) {
                    double rnaMean = p.rnaDepth() * f * depth * Math.pow(2, activity[t] + batchLog2);
                    counts[b][reps + t * reps + r] = d.negativeBinomial(rnaMean, size(activity[t], dnaMean));
                }
            }
        }
        return new SimElement(id, sequence, sites, gc, batch, activity, names, counts);
    }

    /** NB size: smaller (more overdispersed) for active elements and low DNA under heteroscedastic noise. */
    private double size(double activity, double dnaMean) {
        double h = shift.heteroscedasticity();
        if (h == 0) {
            return p.dispersion();
        }
        double lowDna = Math.max(0, Math.log(p.dnaDepth() / dnaMean) / Math.log(2));
        return p.dispersion() * Math.exp(-3 * h * (Math.max(0, activity) + 0.5 * lowDna));
    }

    private int place(Draws d, boolean[] used, int width) {
        for (int attempt = 0; attempt < PLACEMENT_TRIES; attempt++) {
            int start = d.uniformInt(used.length - width + 1);
            boolean free = true;
            for (int i = start; i < start + width && free; i++) {
                free = !used[i];
            }
            if (free) {
                return start;
            }
        }
        return -1;
    }

    private static int drawBase(Draws d, Pwm pwm, int position) {
        double u = d.uniform();
        double cumulative = 0;
        for (int b = 0; b < 3; b++) {
            cumulative += pwm.probability(position, b);
            if (u < cumulative) {
                return b;
            }
        }
        return 3;
    }

    private void fillBackground(Draws d, char[] seq, boolean[] used, double gc) {
        char previous = 0;
        for (int i = 0; i < seq.length; i++) {
            if (used[i]) {
                previous = seq[i];
                continue;
            }
            double pg = gc / 2;
            double pc = gc / 2;
            double pa = (1 - gc) / 2;
            if (p.markov() && previous == 'C') {
                pg *= CPG_DEPLETION;
            }
            double u = d.uniform() * (pa + pc + pg + pa);
            char c = u < pa ? 'A' : u < pa + pc ? 'C' : u < pa + pc + pg ? 'G' : 'T';
            seq[i] = c;
            previous = c;
        }
    }

    private static String randomBarcode(Draws d) {
        char[] bc = new char[BARCODE_LENGTH];
        for (int i = 0; i < bc.length; i++) {
            bc[i] = Bases.ACGT.charAt(d.uniformInt(4));
        }
        return new String(bc);
    }
}
