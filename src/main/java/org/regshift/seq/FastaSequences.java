package org.regshift.seq;

import java.nio.file.Path;
import java.util.List;

/** The records of a FASTA file as rows: ID and sequence, no target, nothing passed through. */
final class FastaSequences implements SequenceSource {
    private final FastaReader reader;
    private long record;

    FastaSequences(java.nio.file.Path file) {
        reader = new FastaReader(file, false);
    }

    @Override
    public boolean hasTarget() {
        return false;
    }

    @Override
    public List<String> passThroughColumns() {
        return List.of();
    }

    @Override
    public SequenceTable.Row next() {
        SeqRecord r = reader.next();
        return r == null ? null : new SequenceTable.Row(r.id(), r.bases(), Double.NaN, null, List.of(), ++record);
    }

    @Override
    public void close() {
        reader.close();
    }
}
