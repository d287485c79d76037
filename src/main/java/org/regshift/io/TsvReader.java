package org.regshift.io;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A streaming reader of tab-separated tables with a header line, plain or gzip. It works on the
 * bytes of one line at a time and makes strings only for the fields asked for, so that count
 * tables of millions of rows parse at disk speed. CRLF line endings are accepted and empty lines
 * are skipped. Every data line must have as many fields as the header.
 */
public final class TsvReader implements Closeable {
    /** Longest line accepted; longer ones are refused rather than grown without bound. */
    public static final int MAX_LINE_BYTES = 64 << 20;

    private final Path file;
    private final InputStream in;
    private final List<String> header;
    private byte[] buf = new byte[1 << 20];
    private int dataEnd;
    private int nextLineStart;
    private boolean eof;
    private long lineNumber;
    private int lineStart;
    private int lineEnd;
    private int[] fieldStart = new int[16];
    private int[] fieldEnd = new int[16];
    private int fieldCount;

    public TsvReader(Path file) {
        this(file, Inputs.open(file));
    }

    TsvReader(Path file, InputStream in) {
        this.file = file;
        this.in = in;
        if (!readLine()) {
            throw InputException.inFile(file, "is empty, expected a header line of tab-separated column names");
        }
        splitFields();
        List<String> names = new ArrayList<>(fieldCount);
        for (int i = 0; i < fieldCount; i++) {
            String name = field(i).trim();
            if (name.isEmpty()) {
                throw InputException.atLine(file, 1, "column " + (i + 1) + " has an empty name in the header");
            }
            if (names.contains(name)) {
                throw InputException.atLine(file, 1, "column '" + name + "' appears twice in the header");
            }
            names.add(name);
        }
        header = List.copyOf(names);
    }

    public Path file() {
        return file;
    }

    public List<String> header() {
        return header;
    }

    /** The column's index, or -1 when the header lacks it. */
    public int column(String name) {
        return header.indexOf(name);
    }

    /** The line number of the current line (the header is line 1). */
    public long lineNumber() {
        return lineNumber;
    }

    /** Moves to the next data line; false at the end of the file. */
    public boolean next() {
        while (readLine()) {
            if (lineEnd > lineStart) {
                splitFields();
                if (fieldCount != header.size()) {
                    throw error("expected " + header.size() + " tab-separated fields as in the header, found " + fieldCount);
                }
                return true;
            }
        }
        return false;
    }

    public String field(int i) {
        return new String(buf, fieldStart[i], fieldEnd[i] - fieldStart[i], StandardCharsets.UTF_8);
    }

    /** The length in bytes of field {@code i}. */
    public int fieldLength(int i) {
        return fieldEnd[i] - fieldStart[i];
    }

    public byte[] fieldBytes(int i) {
        return Arrays.copyOfRange(buf, fieldStart[i], fieldEnd[i]);
    }

    public boolean fieldEquals(int i, byte[] value) {
        return Arrays.equals(buf, fieldStart[i], fieldEnd[i], value, 0, value.length);
    }

    /** The field as a non-negative integer count; anything else is an input error naming the line. */
    public long count(int i) {
        int from = fieldStart[i];
        int to = fieldEnd[i];
        if (from == to) {
            throw error("empty value in column '" + header.get(i) + "', expected a non-negative integer count");
        }
        long value = 0;
        for (int p = from; p < to; p++) {
            int digit = buf[p] - '0';
            if (digit < 0 || digit > 9) {
                throw error("'" + field(i) + "' in column '" + header.get(i) + "' is not a non-negative integer count");
            }
            if (value > (Long.MAX_VALUE - digit) / 10) {
                throw error("count " + field(i) + " in column '" + header.get(i) + "' is too large (max " + Long.MAX_VALUE + ")");
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** The whole current line, without its line end. */
    public String line() {
        return new String(buf, lineStart, lineEnd - lineStart, StandardCharsets.UTF_8);
    }

    /**
     * The field as a finite number; anything else is an input error naming the line. Plain
     * decimals of at most 15 digits (what RegShift writes) are parsed from the bytes directly,
     * exactly: their digits form an integer below 2^53 and one division by a power of ten up to
     * 10^22 is correctly rounded, as Double.parseDouble's own fast path is. Everything else goes
     * through Double.parseDouble.
     */
    public double number(int i) {
        double fast = plainDecimal(fieldStart[i], fieldEnd[i]);
        return Double.isNaN(fast) ? parsedNumber(i) : fast;
    }

    private static final byte[] NA = Numbers.MISSING.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INF = Numbers.format(Double.POSITIVE_INFINITY).getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MINUS_INF = Numbers.format(Double.NEGATIVE_INFINITY).getBytes(StandardCharsets.US_ASCII);
    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /** [-]digits[.digits] with at most 15 digits in all, or NaN for anything else. */
    private double plainDecimal(int from, int to) {
        int p = from;
        boolean negative = p < to && buf[p] == '-';
        if (negative) {
            p++;
        }
        long digits = 0;
        int count = 0;
        int fraction = -1;
        for (; p < to; p++) {
            int b = buf[p];
            if (b == '.' && fraction < 0) {
                fraction = 0;
                continue;
            }
            int d = b - '0';
            if (d < 0 || d > 9 || ++count > 15) {
                return Double.NaN;
            }
            digits = digits * 10 + d;
            if (fraction >= 0) {
                fraction++;
            }
        }
        if (count == 0 || fraction == 0) {
            return Double.NaN;
        }
        double value = fraction > 0 ? digits / POWERS_OF_TEN[fraction] : digits;
        return negative ? -value : value;
    }

    /** The field as an interval bound: a number, Inf / -Inf (an unbounded side) or NaN for NA. */
    public double bound(int i) {
        return fieldEquals(i, NA) ? Double.NaN : numberOrInfinity(i);
    }

    /** The field as a number that may be Inf or -Inf (an unbounded interval's variance or side). */
    public double numberOrInfinity(int i) {
        if (fieldEquals(i, INF)) {
            return Double.POSITIVE_INFINITY;
        }
        return fieldEquals(i, MINUS_INF) ? Double.NEGATIVE_INFINITY : number(i);
    }

    private double parsedNumber(int i) {
        String text = field(i).trim();
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error("'" + text + "' in column '" + header.get(i) + "' is not a finite number");
    }

    /** An input error at the current line. */
    public InputException error(String what) {
        return InputException.atLine(file, lineNumber, what);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // nothing was written; the data already read stands
        }
    }

    private boolean readLine() {
        while (true) {
            for (int p = nextLineStart; p < dataEnd; p++) {
                if (buf[p] == '\n') {
                    setLine(nextLineStart, p);
                    nextLineStart = p + 1;
                    return true;
                }
            }
            if (eof) {
                if (nextLineStart < dataEnd) {
                    setLine(nextLineStart, dataEnd);
                    nextLineStart = dataEnd;
                    return true;
                }
                return false;
            }
            fill();
        }
    }

    private void setLine(int from, int to) {
        lineNumber++;
        lineStart = from;
        lineEnd = to > from && buf[to - 1] == '\r' ? to - 1 : to;
    }

    private void fill() {
        int pending = dataEnd - nextLineStart;
        if (nextLineStart > 0) {
            System.arraycopy(buf, nextLineStart, buf, 0, pending);
        } else if (pending == buf.length) {
            if (buf.length >= MAX_LINE_BYTES) {
                throw InputException.atLine(file, lineNumber + 1, "line is longer than " + (MAX_LINE_BYTES >> 20) + " MiB");
            }
            buf = Arrays.copyOf(buf, Math.min(MAX_LINE_BYTES, buf.length * 2));
        }
        nextLineStart = 0;
        dataEnd = pending;
        try {
            int n = in.read(buf, dataEnd, buf.length - dataEnd);
            if (n < 0) {
                eof = true;
            } else {
                dataEnd += n;
            }
        } catch (EOFException e) {
            throw InputException.atLine(file, lineNumber + 1, "unexpected end of file (truncated gzip?)");
        } catch (IOException e) {
            throw InputException.atLine(file, lineNumber + 1, "cannot read (" + e.getMessage() + "; corrupt gzip?)");
        }
    }

    private void splitFields() {
        fieldCount = 0;
        int from = lineStart;
        for (int p = lineStart; p <= lineEnd; p++) {
            if (p == lineEnd || buf[p] == '\t') {
                if (fieldCount == fieldStart.length) {
                    fieldStart = Arrays.copyOf(fieldStart, fieldCount * 2);
                    fieldEnd = Arrays.copyOf(fieldEnd, fieldCount * 2);
                }
                fieldStart[fieldCount] = from;
                fieldEnd[fieldCount] = p;
                fieldCount++;
                from = p + 1;
            }
        }
    }
}
