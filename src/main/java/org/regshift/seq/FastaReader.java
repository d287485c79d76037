package org.regshift.seq;

import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import htsjdk.samtools.SAMException;
import htsjdk.samtools.reference.FastaSequenceFile;
import htsjdk.samtools.reference.ReferenceSequence;
import org.regshift.io.InputException;
import org.regshift.io.Inputs;

/**
 * Reads FASTA (plain, gzip or bgzip) through htsjdk, one record at a time. The ID is the first word
 * of the header; bases are upper-cased and checked against ACGTN. Empty records and duplicate IDs
 * are input errors naming the record.
 */
public final class FastaReader implements Closeable {
    private final Path file;
    private final boolean iupacToN;
    private final FastaSequenceFile fasta;
    private final Set<String> seen = new HashSet<>();

    public FastaReader(Path file, boolean iupacToN) {
        this.file = file;
        this.iupacToN = iupacToN;
        try {
            this.fasta = new FastaSequenceFile(file.toString(), new InputStreamSeekable(new RecordSizeLimit(Inputs.open(file), file),
                    file.toString()), null, true);
        } catch (RuntimeException e) {
            throw readError(e);
        }
    }

    /** The next record, or null at the end of the file. */
    public SeqRecord next() {
        ReferenceSequence ref;
        try {
            ref = fasta.nextSequence();
        } catch (RuntimeException e) {
            throw readError(e);
        }
        if (ref == null) {
            if (seen.isEmpty()) {
                throw InputException.inFile(file, "holds no FASTA records");
            }
            return null;
        }
        String id = ref.getName();
        byte[] bases = ref.getBases();
        if (bases.length == 0) {
            throw InputException.atRecord(file, id, "empty sequence");
        }
        if (!seen.add(id)) {
            throw InputException.atRecord(file, id, "duplicate ID (IDs, the first word of each header, must be unique)");
        }
        int bad = Alphabet.normalise(bases, iupacToN);
        if (bad >= 0) {
            throw InputException.atRecord(file, id, Alphabet.describeInvalid(bases, bad));
        }
        return new SeqRecord(id, new String(bases, StandardCharsets.US_ASCII));
    }

    /** The input error for a failure of htsjdk's reader (which reads the first line when it opens). */
    private InputException readError(RuntimeException e) {
        if (e instanceof InputException input) {
            return input;
        }
        if (e instanceof SAMException && e.getCause() instanceof java.io.IOException) {
            return InputException.inFile(file, "cannot be read after record " + seen.size() + ": truncated or corrupt gzip ("
                    + e.getCause().getMessage() + ")");
        }
        if (e instanceof SAMException) {
            return InputException.inFile(file, "not valid FASTA after record " + seen.size() + " (" + e.getMessage()
                    + "; expected '>' header lines followed by sequence lines)");
        }
        return InputException.inFile(file, "cannot read after record " + seen.size() + " (" + e.getMessage()
                + "; truncated or corrupt gzip?)");
    }

    /** Every record of the file by ID, in file order. */
    public static Map<String, String> readAll(Path file, boolean iupacToN) {
        Map<String, String> all = new LinkedHashMap<>();
        try (FastaReader reader = new FastaReader(file, iupacToN)) {
            for (SeqRecord r = reader.next(); r != null; r = reader.next()) {
                all.put(r.id(), r.bases());
            }
        }
        return all;
    }

    @Override
    public void close() {
        fasta.close();
    }
}
