package org.regshift.variants;

import static org.assertj.core.api.Assertions.assertThat;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regshift.seq.FastaWriter;
import org.regshift.seq.IndexedFasta;
import org.regshift.seq.SeqRecord;

class VariantWindowsTest {
    //                                     1234567890123456789012
    private static final String CHR = "AACCGGTTACGTACGTTTGGCA";

    @TempDir
    Path tmp;

    private IndexedFasta reference() {
        Path fa = tmp.resolve("ref.fa");
        try (FastaWriter w = new FastaWriter(fa)) {
            w.write(new SeqRecord("chr1", CHR));
        }
        return new IndexedFasta(fa);
    }

    @Test
    void anSnvSitsAtTheCentreOfBothWindows() {
        try (IndexedFasta ref = reference()) {
            VariantWindows.Pair p = new VariantWindows(ref, 7, false).windows("chr1", 10, "C", "T");
            assertThat(p.ref()).isEqualTo("TTACGTA"); // positions 7..13, REF at offset 3
            assertThat(p.alt()).isEqualTo("TTATGTA");
        }
    }

    @Test
    void aDeletionPullsBasesInFromTheRightAndAnInsertionPushesThemOut() {
        try (IndexedFasta ref = reference()) {
            VariantWindows w = new VariantWindows(ref, 8, false);
            // left-anchored deletion of GT after the anchor C at 10: window 6..13
            assertThat(w.windows("chr1", 10, "CGT", "C")).isEqualTo(new VariantWindows.Pair("GTTACGTA", "GTTACACG"));
            assertThat(w.windows("chr1", 10, "C", "CAAAAAA")).isEqualTo(new VariantWindows.Pair("GTTACGTA", "GTTACAAA"));
        }
    }

    @Test
    void windowsPastTheEndsReadNOrStayInsideTheContig() {
        try (IndexedFasta ref = reference()) {
            assertThat(new VariantWindows(ref, 7, false).windows("chr1", 2, "A", "G"))
                    .isEqualTo(new VariantWindows.Pair("NNAACCG", "NNAGCCG"));
            assertThat(new VariantWindows(ref, 7, false).windows("chr1", 22, "A", "G").ref()).isEqualTo("GGCANNN");
            VariantWindows inside = new VariantWindows(ref, 7, true);
            assertThat(inside.windows("chr1", 2, "A", "G")).isEqualTo(new VariantWindows.Pair("AACCGGT", "AGCCGGT"));
            assertThat(inside.windows("chr1", 22, "A", "G")).isEqualTo(new VariantWindows.Pair("TTTGGCA", "TTTGGCG"));
        }
    }

    @Test
    void contigsMatchWithOrWithoutChrAndRefIsChecked() {
        try (IndexedFasta ref = reference()) {
            VariantWindows w = new VariantWindows(ref, 7, false);
            assertThat(w.contig("1")).contains("chr1");
            assertThat(w.contig("chr1")).contains("chr1");
            assertThat(w.contig("2")).isEmpty();
            assertThat(w.refMismatch("chr1", 10, "c")).isNull();
            assertThat(w.refMismatch("chr1", 10, "CGA")).contains("does not match the reference's CGT at chr1:10");
            assertThat(w.refMismatch("chr1", 21, "CAT")).contains("is outside chr1 (1-22)");
        }
    }
}
