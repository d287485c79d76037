package org.regshift.seq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import htsjdk.samtools.reference.FastaSequenceIndexCreator;
import htsjdk.samtools.util.GZIIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regshift.io.InputException;

class IndexedFastaTest {
    @TempDir
    Path tmp;

    private static final String CHR1 = "ACGTACGTAA".repeat(30) + "ccccgggg";
    private static final String CHR2 = "TTTTNNNNAC";

    private Path write(String name) {
        Path f = tmp.resolve(name);
        try (FastaWriter w = new FastaWriter(f)) {
            w.write(new SeqRecord("chr1", CHR1));
            w.write(new SeqRecord("chr2", CHR2));
        }
        return f;
    }

    @Test
    void plainAndBgzipWithTheirIndexesFetchTheSameBases() throws IOException {
        Path plain = write("ref.fa");
        FastaSequenceIndexCreator.create(plain, true);
        Path bgzip = write("ref.fa.gz");
        GZIIndex.buildIndex(bgzip).writeIndex(tmp.resolve("ref.fa.gz.gzi"));
        FastaSequenceIndexCreator.create(bgzip, true);
        for (Path f : new Path[] {plain, bgzip}) {
            try (IndexedFasta fasta = new IndexedFasta(f)) {
                assertThat(fasta.length("chr1")).isEqualTo(CHR1.length());
                assertThat(fasta.fetch("chr1", 301, 308)).isEqualTo("CCCCGGGG");
                assertThat(fasta.fetch("chr2", 3, 6)).isEqualTo("TTNN");
                assertThat(fasta.length("chrX")).isEqualTo(-1);
                assertThatThrownBy(() -> fasta.fetch("chr2", 5, 11)).isInstanceOf(InputException.class)
                        .hasMessageEndingWith("record 'chr2': interval 5-11 is outside 1-10");
            }
        }
    }

    @Test
    void aPlainFastaWithoutIndexIsIndexedAndWindowsArePaddedWithN() {
        Path plain = write("noindex.fa");
        try (IndexedFasta fasta = new IndexedFasta(plain)) {
            assertThat(fasta.length("chr2")).isEqualTo(10);
            assertThat(fasta.window("chr2", -1, 6)).isEqualTo("NNTTTT");
            assertThat(fasta.window("chr2", 8, 6)).isEqualTo("NACNNN");
            assertThat(fasta.window("chr2", 12, 3)).isEqualTo("NNN");
        }
        assertThat(Files.exists(tmp.resolve("noindex.fa.fai"))).isTrue();
    }

    @Test
    void aCompressedFastaWithoutIndexIsRefused() {
        Path bgzip = write("noindex.fa.gz");
        assertThatThrownBy(() -> new IndexedFasta(bgzip)).isInstanceOf(InputException.class)
                .hasMessageContaining("is compressed and has no index");
    }
}
