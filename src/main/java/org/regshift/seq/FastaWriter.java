package org.regshift.seq;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import htsjdk.samtools.reference.FastaReferenceWriter;
import htsjdk.samtools.reference.FastaReferenceWriterBuilder;
import htsjdk.samtools.reference.ReferenceSequence;
import htsjdk.samtools.util.BlockCompressedOutputStream;

/** Writes FASTA through htsjdk; a name ending in .gz is written as bgzip, which gzip also reads. */
public final class FastaWriter implements Closeable {
    private static final int BASES_PER_LINE = 80;
    /** bgzip level 1: about three times faster than htsjdk's default 5, and files only slightly larger. */
    private static final int COMPRESSION_LEVEL = 1;
    private final FastaReferenceWriter writer;

    public FastaWriter(Path file) {
        try {
            OutputStream out = file.getFileName().toString().endsWith(".gz")
                    ? new BlockCompressedOutputStream(file.toFile(), COMPRESSION_LEVEL)
                    : new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            writer = new FastaReferenceWriterBuilder().setFastaOutput(out).setBasesPerLine(BASES_PER_LINE)
                    .setMakeFaiOutput(false).setMakeDictOutput(false).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(SeqRecord record) {
        try {
            writer.addSequence(new ReferenceSequence(record.id(), -1, record.bases().getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
