package org.regshift.seq;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.regshift.io.InputException;

/**
 * Watches FASTA bytes as they are read and refuses a record with more than
 * {@link Alphabet#MAX_SEQUENCE_LENGTH} sequence bytes before a reader holds it all in memory
 * (htsjdk reads whole records): a chromosome given by mistake, or a decompression bomb.
 */
final class RecordSizeLimit extends FilterInputStream {
    private static final int MAX_ID = 200;
    private final Path file;
    private final StringBuilder id = new StringBuilder();
    private long inRecord;
    private boolean lineStart = true;
    private boolean inHeader;
    private boolean idDone;

    RecordSizeLimit(InputStream in, Path file) {
        super(in);
        this.file = file;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            see(b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        for (int i = offset; i < offset + Math.max(0, n); i++) {
            see(buffer[i] & 0xff);
        }
        return n;
    }

    private void see(int b) {
        if (lineStart && b == '>') {
            inRecord = 0;
            inHeader = true;
            idDone = false;
            id.setLength(0);
        } else if (inHeader) {
            if (b == '\n') {
                inHeader = false;
            } else if (!idDone && (Character.isWhitespace(b) || id.length() == MAX_ID)) {
                idDone = true;
            } else if (!idDone) {
                id.append((char) b);
            }
        } else if (b != '\n' && b != '\r' && ++inRecord > Alphabet.MAX_SEQUENCE_LENGTH) {
            throw InputException.atRecord(file, id.toString(), Alphabet.tooLong());
        }
        lineStart = b == '\n';
    }
}
