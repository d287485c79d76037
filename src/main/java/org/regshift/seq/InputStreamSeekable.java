package org.regshift.seq;

import java.io.IOException;
import java.io.InputStream;
import htsjdk.samtools.seekablestream.SeekableStream;

/**
 * A forward-only {@link SeekableStream} over an already decompressed stream, so that htsjdk's
 * FASTA parser reads whatever {@link org.regshift.io.Inputs#open} recognised (gzip and bgzip by
 * their magic bytes, not their file name).
 */
final class InputStreamSeekable extends SeekableStream {
    private final InputStream in;
    private final String source;
    private long position;
    private boolean eof;

    InputStreamSeekable(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    @Override
    public long length() {
        return -1;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void seek(long target) throws IOException {
        if (target != position) {
            throw new IOException("cannot seek in a streamed FASTA");
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n < 0) {
            eof = true;
        } else {
            position += n;
        }
        return n;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            eof = true;
        } else {
            position++;
        }
        return b;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    @Override
    public boolean eof() {
        return eof;
    }

    @Override
    public String getSource() {
        return source;
    }
}
