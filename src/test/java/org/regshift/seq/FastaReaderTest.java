package org.regshift.seq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import htsjdk.samtools.util.BlockCompressedInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regshift.io.InputException;

class FastaReaderTest {
    private static final String TEXT = ">s1 a description\nacgtN\nACGT\n\n>s2\nGGCC\n";

    @TempDir
    Path tmp;

    @Test
    void plainAndGzipReadAlikeUpperCasedWithTheFirstWordAsId() throws IOException {
        Path plain = tmp.resolve("a.fa");
        Files.writeString(plain, TEXT);
        Path gz = tmp.resolve("a.fasta.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(TEXT.getBytes(StandardCharsets.UTF_8));
        }
        Path gzWithoutExtension = tmp.resolve("a.seqs");
        Files.copy(gz, gzWithoutExtension);
        Map<String, String> expected = Map.of("s1", "ACGTNACGT", "s2", "GGCC");
        assertThat(FastaReader.readAll(plain, false)).isEqualTo(expected).containsKeys("s1", "s2");
        assertThat(FastaReader.readAll(plain, false).keySet()).containsExactly("s1", "s2");
        assertThat(FastaReader.readAll(gz, false)).isEqualTo(expected);
        assertThat(FastaReader.readAll(gzWithoutExtension, false)).isEqualTo(expected);
    }

    @Test
    void writerMakesBgzipThatReadsBack() throws IOException {
        Path bgz = tmp.resolve("out.fa.gz");
        String longSeq = "ACGT".repeat(100);
        try (FastaWriter w = new FastaWriter(bgz)) {
            w.write(new SeqRecord("x", longSeq));
            w.write(new SeqRecord("y", "NNAC"));
        }
        try (var in = Files.newInputStream(bgz)) {
            assertThat(BlockCompressedInputStream.isValidFile(new java.io.BufferedInputStream(in))).isTrue();
        }
        assertThat(FastaReader.readAll(bgz, false)).containsEntry("x", longSeq).containsEntry("y", "NNAC").hasSize(2);
        Path plain = tmp.resolve("out.fa");
        try (FastaWriter w = new FastaWriter(plain)) {
            w.write(new SeqRecord("x", longSeq));
        }
        assertThat(Files.readAllLines(plain)).hasSize(1 + 5).first().isEqualTo(">x");
    }

    @Test
    void iupacCodesAreRefusedOrReadAsN() throws IOException {
        Path f = tmp.resolve("i.fa");
        Files.writeString(f, ">s\nACRYN\n");
        assertThatThrownBy(() -> FastaReader.readAll(f, false)).isInstanceOf(InputException.class)
                .hasMessage(f + " record 's': 'R' at position 3 is not A, C, G, T or N (use --iupac-to-n to read IUPAC ambiguity codes as N)");
        assertThat(FastaReader.readAll(f, true)).containsEntry("s", "ACNNN");
    }

    @Test
    void emptyFilesAndRecordsAndDuplicatesAreErrors() throws IOException {
        Path empty = tmp.resolve("e.fa");
        Files.writeString(empty, "");
        assertThatThrownBy(() -> FastaReader.readAll(empty, false)).hasMessage(empty + ": holds no FASTA records");
        Path dup = tmp.resolve("d.fa");
        Files.writeString(dup, ">a\nAC\n>a other\nGT\n");
        assertThatThrownBy(() -> FastaReader.readAll(dup, false)).hasMessageStartingWith(dup + " record 'a': duplicate ID");
        Path gap = tmp.resolve("g.fa");
        Files.writeString(gap, ">a\nAC-GT\n");
        assertThatThrownBy(() -> FastaReader.readAll(gap, true)).hasMessage(gap + " record 'a': '-' at position 3 is not A, C, G, T or N");
    }
}
