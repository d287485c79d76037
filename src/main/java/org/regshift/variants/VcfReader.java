package org.regshift.variants;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import htsjdk.tribble.TribbleException;
import htsjdk.tribble.readers.LineIterator;
import htsjdk.variant.variantcontext.VariantContext;
import htsjdk.variant.vcf.VCFCodec;
import htsjdk.variant.vcf.VCFHeader;
import org.regshift.io.InputException;
import org.regshift.io.Inputs;
import org.regshift.io.TsvReader;

/**
 * Streams a VCF (plain, gzip or bgzip; sorted or not) record by record through htsjdk's codec,
 * counting lines so that an error names the line it is on.
 */
final class VcfReader implements Closeable {
    private final Path file;
    private final BufferedReader in;
    private final VCFCodec codec = new VCFCodec();
    private final VCFHeader header;
    private long lineNumber;

    VcfReader(Path file) {
        this.file = file;
        this.in = new BufferedReader(new InputStreamReader(Inputs.open(file), StandardCharsets.UTF_8), 1 << 16);
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = readLine();
            if (line == null) {
                close();
                throw InputException.inFile(file, "ends before the #CHROM header line: not a VCF");
            }
            lines.add(line);
        } while (!line.startsWith("#CHROM"));
        try {
            header = (VCFHeader) codec.readActualHeader(new ListLineIterator(lines));
        } catch (RuntimeException e) { // htsjdk's header parser also fails with NullPointerException on some headers
            close();
            throw InputException.atLine(file, lineNumber, "not a valid VCF header (" + firstLine(e) + ")");
        }
    }

    VCFHeader header() {
        return header;
    }

    /** The next record, or null at the end of the file. Blank lines are skipped. */
    VariantContext next() {
        String line = readLine();
        while (line != null && line.isBlank()) {
            line = readLine();
        }
        if (line == null) {
            return null;
        }
        try {
            VariantContext record = codec.decode(line);
            if (record == null) {
                throw error("a header line after #CHROM");
            }
            return record;
        } catch (TribbleException | IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException e) {
            throw error("not a valid VCF record (" + firstLine(e) + ")");
        }
    }

    /** The line number of the record last read. */
    long lineNumber() {
        return lineNumber;
    }

    /** An input error at the record last read. */
    InputException error(String what) {
        return InputException.atLine(file, lineNumber, what);
    }

    private String readLine() {
        try {
            String line = boundedLine();
            if (line != null) {
                lineNumber++;
            }
            return line;
        } catch (EOFException e) {
            throw InputException.atLine(file, lineNumber + 1, "unexpected end of file (truncated gzip?)");
        } catch (IOException e) {
            throw InputException.atLine(file, lineNumber + 1, "cannot read (" + e.getMessage() + "; corrupt gzip?)");
        }
    }

    /** The next line without its terminator, or null at the end; a line beyond 64 MiB (a bomb, say) is refused. */
    private String boundedLine() throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (line.length() == TsvReader.MAX_LINE_BYTES) {
                throw InputException.atLine(file, lineNumber + 1, "line is longer than " + (TsvReader.MAX_LINE_BYTES >> 20) + " MiB");
            }
            line.append((char) c);
        }
        if (c < 0 && line.length() == 0) {
            return null;
        }
        if (line.length() > 0 && line.charAt(line.length() - 1) == '\r') {
            line.setLength(line.length() - 1);
        }
        return line.toString();
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage()).strip();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // read-only: nothing to lose
        }
    }

    /** The header lines, as htsjdk's codec reads them. */
    private static final class ListLineIterator implements LineIterator {
        private final List<String> lines;
        private int next;

        ListLineIterator(List<String> lines) {
            this.lines = lines;
        }

        @Override
        public String peek() {
            return lines.get(next);
        }

        @Override
        public boolean hasNext() {
            return next < lines.size();
        }

        @Override
        public String next() {
            return lines.get(next++);
        }
    }
}
