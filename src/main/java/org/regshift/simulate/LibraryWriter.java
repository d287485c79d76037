package org.regshift.simulate;

import java.io.Closeable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.regshift.io.TsvWriter;
import org.regshift.motif.Pwm;
import org.regshift.seq.FastaWriter;
import org.regshift.seq.SeqRecord;

/** Writes a library's sequences.fa.gz, counts.tsv.gz and truth.tsv, element by element, in order. */
final class LibraryWriter implements Closeable {
    static final String SEQUENCES = "sequences.fa.gz";
    static final String COUNTS = "counts.tsv.gz";
    static final String TRUTH = "truth.tsv";

    private final SimParameters p;
    private final List<Pwm> motifs;
    private final FastaWriter fasta;
    private final TsvWriter counts;
    private final TsvWriter truth;
    private final StringBuilder text = new StringBuilder();

    LibraryWriter(Path dir, SimParameters p, List<Pwm> motifs, int cellTypes) {
        this.p = p;
        this.motifs = motifs;
        fasta = new FastaWriter(dir.resolve(SEQUENCES));
        List<String> countColumns = new ArrayList<>(List.of("id"));
        if (p.barcodeLevel()) {
            countColumns.add("barcode");
        }
        countColumns.add("batch");
        for (int r = 1; r <= p.replicates(); r++) {
            countColumns.add("dna_" + r);
        }
        for (int t = 1; t <= cellTypes; t++) {
            for (int r = 1; r <= p.replicates(); r++) {
                countColumns.add("ct" + t + "_rna_" + r);
            }
        }
        if (!p.barcodeLevel()) {
            countColumns.add("n_barcodes");
        }
        counts = new TsvWriter(dir.resolve(COUNTS), countColumns);
        List<String> truthColumns = new ArrayList<>(List.of("id"));
        for (int t = 1; t <= cellTypes; t++) {
            truthColumns.add("activity_ct" + t);
        }
        truthColumns.addAll(List.of("gc", "batch", "n_sites", "sites"));
        truth = new TsvWriter(dir.resolve(TRUTH), truthColumns);
    }

    void write(SimElement e) {
        fasta.write(new SeqRecord(e.id(), e.sequence()));
        if (p.barcodeLevel()) {
            for (int b = 0; b < e.counts().length; b++) {
                text.setLength(0);
                text.append(e.id()).append('\t').append(e.barcodes()[b]).append('\t').append(e.batch());
                for (long c : e.counts()[b]) {
                    text.append('\t').append(c);
                }
                counts.line(text);
            }
        } else {
            text.setLength(0);
            text.append(e.id()).append('\t').append(e.batch());
            for (int col = 0; col < e.counts()[0].length; col++) {
                long sum = 0;
                for (long[] barcode : e.counts()) {
                    sum += barcode[col];
                }
                text.append('\t').append(sum);
            }
            text.append('\t').append(e.counts().length);
            counts.line(text);
        }
        List<Object> row = new ArrayList<>();
        row.add(e.id());
        for (double a : e.activity()) {
            row.add(a);
        }
        row.add(e.gc());
        row.add(e.batch());
        row.add(e.sites().size());
        row.add(sites(e.sites()));
        truth.row(row);
    }

    /** Sites as motif:start:strand:affinity (start 1-based), separated by ';'. */
    private String sites(List<Site> sites) {
        StringBuilder s = new StringBuilder();
        for (Site site : sites) {
            if (s.length() > 0) {
                s.append(';');
            }
            s.append(motifs.get(site.motif()).id()).append(':').append(site.start() + 1).append(':')
                    .append(site.minus() ? '-' : '+').append(':').append(org.regshift.io.Numbers.format(site.affinity()));
        }
        return s.toString();
    }

    @Override
    public void close() {
        fasta.close();
        counts.close();
        truth.close();
    }
}
