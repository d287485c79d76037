package org.regshift.seq;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import htsjdk.samtools.SAMException;
import htsjdk.samtools.reference.FastaSequenceIndex;
import htsjdk.samtools.reference.FastaSequenceIndexCreator;
import htsjdk.samtools.reference.IndexedFastaSequenceFile;
import htsjdk.samtools.reference.ReferenceSequenceFile;
import htsjdk.samtools.reference.ReferenceSequenceFileFactory;
import org.regshift.io.InputException;

/**
 * Random access to an indexed FASTA through htsjdk: plain with a .fai, or bgzip with .fai and
 * .gzi (as {@code samtools faidx} makes them). A plain FASTA without a .fai is indexed on opening
 * (the .fai is written beside it when its directory is writable). Fetched bases are upper-cased,
 * IUPAC ambiguity codes read as N, anything else refused.
 */
public final class IndexedFasta implements Closeable {
    private final Path file;
    private final ReferenceSequenceFile fasta;
    private final FastaSequenceIndex index;

    public IndexedFasta(Path file) {
        this.file = file;
        Path fai = file.resolveSibling(file.getFileName() + ".fai");
        try {
            if (Files.exists(fai)) {
                fasta = ReferenceSequenceFileFactory.getReferenceSequenceFile(file, true, true);
                index = new FastaSequenceIndex(fai);
            } else {
                index = buildIndex(file, fai);
                fasta = new IndexedFastaSequenceFile(file, index);
            }
        } catch (SAMException | IllegalArgumentException e) {
            throw InputException.inFile(file, "cannot open as an indexed FASTA (" + e.getMessage() + ")");
        }
    }

    private static FastaSequenceIndex buildIndex(Path file, Path fai) {
        try (InputStream in = Files.newInputStream(file)) {
            if (in.read() == 0x1f && in.read() == 0x8b) {
                throw InputException.inFile(file, "is compressed and has no index: expected " + fai.getFileName()
                        + " and .gzi beside it, as 'samtools faidx' makes them for a bgzip FASTA");
            }
        } catch (NoSuchFileException e) {
            throw InputException.inFile(file, "no such file");
        } catch (IOException e) {
            throw InputException.inFile(file, "cannot read (" + e.getMessage() + ")");
        }
        FastaSequenceIndex built;
        try {
            built = FastaSequenceIndexCreator.buildFromFasta(file);
        } catch (IOException e) {
            throw InputException.inFile(file, "cannot index (" + e.getMessage() + ")");
        }
        try {
            Path partial = Files.createTempFile(fai.toAbsolutePath().getParent(), ".fai-", ".tmp");
            built.write(partial);
            if (partial.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(partial, fai, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | SAMException e) {
            // a read-only directory: the index stays in memory for this run
        }
        return built;
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
        int bad = Alphabet.normalise(bases, true);
        if (bad >= 0) {
            throw InputException.atRecord(file, contig, Alphabet.describeInvalid(bases, bad).replaceFirst(
                    "at position \\d+", "at position " + (start + bad)));
        }
        return new String(bases, StandardCharsets.US_ASCII);
    }

    /**
     * {@code length} bases from {@code start} (1-based), where positions before 1 or past the end of
     * the sequence read as N.
     */
    public String window(String contig, long start, int length) {
        long size = length(contig);
        long from = Math.max(1, start);
        long to = Math.min(size, start + length - 1);
        StringBuilder bases = new StringBuilder(length);
        bases.append("N".repeat((int) Math.min(length, from - start)));
        if (from <= to) {
            bases.append(fetch(contig, from, to));
        }
        bases.append("N".repeat(length - bases.length()));
        return bases.toString();
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
