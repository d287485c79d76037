package org.regshift.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TsvReaderTest {
    private static final Path FILE = Path.of("t.tsv");

    private static TsvReader reader(String text) {
        return new TsvReader(FILE, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<List<String>> rows(String text) {
        List<List<String>> rows = new ArrayList<>();
        try (TsvReader r = reader(text)) {
            while (r.next()) {
                rows.add(List.of(r.field(0), r.field(1)));
            }
        }
        return rows;
    }

    @Test
    void crlfAndLfReadAlikeAndEmptyLinesAreSkipped() {
        List<List<String>> lf = rows("a\tb\nx\t1\n\ny\t2");
        List<List<String>> crlf = rows("a\tb\r\nx\t1\r\n\r\ny\t2\r\n");
        assertThat(lf).isEqualTo(crlf).containsExactly(List.of("x", "1"), List.of("y", "2"));
    }

    @Test
    void countsParseAndLineNumbersCountTheHeader() {
        try (TsvReader r = reader("id\tn\ne\t0\nf\t9223372036854775807\ng\t+1\n")) {
            assertThat(r.header()).containsExactly("id", "n");
            assertThat(r.next()).isTrue();
            assertThat(r.count(1)).isZero();
            assertThat(r.lineNumber()).isEqualTo(2);
            assertThat(r.next()).isTrue();
            assertThat(r.count(1)).isEqualTo(Long.MAX_VALUE);
            assertThat(r.next()).isTrue();
            assertThatThrownBy(() -> r.count(1)).isInstanceOf(InputException.class)
                    .hasMessage("t.tsv line 4: '+1' in column 'n' is not a non-negative integer count");
        }
    }

    @Test
    void linesLongerThanTheBufferAreRead() {
        String longField = "A".repeat(3 << 20);
        try (TsvReader r = reader("id\tseq\ne\t" + longField + "\nf\tC\n")) {
            assertThat(r.next()).isTrue();
            assertThat(r.field(1)).hasSize(3 << 20);
            assertThat(r.next()).isTrue();
            assertThat(r.field(0)).isEqualTo("f");
        }
    }

    @Test
    void headerProblemsAreRefused() {
        assertThatThrownBy(() -> reader("a\ta\n")).hasMessage("t.tsv line 1: column 'a' appears twice in the header");
        assertThatThrownBy(() -> reader("a\t\tb\n")).hasMessage("t.tsv line 1: column 2 has an empty name in the header");
        assertThatThrownBy(() -> reader("")).hasMessageStartingWith("t.tsv: is empty");
    }

    @Test
    void numbersMustBeFinite() {
        try (TsvReader r = reader("x\n1.5e-3\nNaN\n")) {
            r.next();
            assertThat(r.number(0)).isEqualTo(1.5e-3);
            r.next();
            assertThatThrownBy(() -> r.number(0)).hasMessage("t.tsv line 3: 'NaN' in column 'x' is not a finite number");
        }
    }
}
