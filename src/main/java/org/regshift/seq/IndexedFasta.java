package org.regshift.seq;

import htsjdk.samtools.SAMException;
import htsjdk.samtools.reference.FastaSequenceIndex;
import htsjdk.samtools.reference.ReferenceSequenceFile;
import htsjdk.samtools.reference.ReferenceSequenceFileFactory;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.regshift.io.InputException;

/**
 * Random access to an indexed FASTA through htsjdk: plain with a .fai, or bgzip with .fai and
 * .gzi (as {@code samtools faidx} makes them). Fetched bases are upper-cased and checked like
 * {@link FastaReader}'s.
 */
public final class IndexedFasta implements Closeable {
    private final Path file;
    private final ReferenceSequenceFile fasta;
    private final FastaSequenceIndex index;

    public IndexedFasta(Path file) {
        this.file = file;
        try {
            this.fasta = ReferenceSequenceFileFactory.getReferenceSequenceFile(file, true, true);
        } catch (SAMException | IllegalArgumentException e) {
            throw InputException.inFile(file, "cannot open as an indexed FASTA (" + e.getMessage() + ")");
        }
        if (!fasta.isIndexed()) {
            close();
            throw InputException.inFile(file, "has no index: expected " + file.getFileName() + ".fai (and .gzi for bgzip), "
                    + "as 'samtools faidx' makes them");
        }
        Path fai = file.resolveSibling(file.getFileName() + ".fai");
        try {
            index = new FastaSequenceIndex(fai);
        } catch (SAMException e) {
            close();
            throw InputException.inFile(fai, "is not a FASTA index (" + e.getMessage() + ")");
        }
    }

    /** The length of a sequence, or -1 when the FASTA lacks it. */
    public long length(String contig) {
        return index.hasIndexEntry(contig) ? index.getIndexEntry(contig).getSize() : -1;
    }

    /** Bases {@code start..end} (1-based, inclusive) of a sequence. */
    public String fetch(String contig, long start, long end) {
        long length = length(contig);
        if (length < 0) {
            throw InputException.inFile(file, "has no sequence '" + contig + "'");
        }
        if (start < 1 || end > length || end < start) {
            throw InputException.atRecord(file, contig, "interval " + start + "-" + end + " is outside 1-" + length);
        }
        byte[] bases;
        try {
            bases = fasta.getSubsequenceAt(contig, start, end).getBases();
        } catch (SAMException e) {
            throw InputException.atRecord(file, contig, "cannot read " + start + "-" + end + " (" + e.getMessage() + ")");
        }
        int bad = Alphabet.normalise(bases, false);
        if (bad >= 0) {
            throw InputException.atRecord(file, contig, Alphabet.describeInvalid(bases, bad).replaceFirst(
                    "at position \\d+", "at position " + (start + bad)));
        }
        return new String(bases, StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        try {
            fasta.close();
        } catch (IOException e) {
            // read-only: nothing to lose
        }
    }
}
