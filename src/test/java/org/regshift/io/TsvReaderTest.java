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
    void numbersParseToTheSameDoubleAsDoubleParseDouble() {
        java.util.Random random = new java.util.Random(3);
        StringBuilder text = new StringBuilder("a\tb\n");
        List<String> values = new ArrayList<>(List.of("0", "-0", "1.", ".5", "+2", "1e-7", "123456789012345678", "0.1",
                "-1.0000001", "3.14159265358979", "9007199254740993"));
        for (int i = 0; i < 20_000; i++) {
            double x = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(12) - 4);
            values.add(String.format(java.util.Locale.ROOT, "%." + random.nextInt(10) + "f", x));
            values.add(org.regshift.io.Numbers.format(x));
        }
        values.forEach(v -> text.append("r\t").append(v).append('\n'));
        try (TsvReader r = reader(text.toString())) {
            for (String v : values) {
                assertThat(r.next()).isTrue();
                assertThat(Double.doubleToRawLongBits(r.number(1))).as(v).isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(v)));
            }
        }
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
