package org.regshift.io;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** Writes a tab-separated table with a header, plain or (for a name ending in .gz) gzip. */
public final class TsvWriter implements Closeable {
    private final Writer out;
    private final int columns;

    public TsvWriter(Path file, List<String> header) {
        this.columns = header.size();
        try {
            OutputStream stream = Files.newOutputStream(file);
            if (file.getFileName().toString().endsWith(".gz")) {
                stream = new GZIPOutputStream(stream, 1 << 16) {
                    {
                        def.setLevel(Deflater.BEST_SPEED);
                    }
                };
            }
            out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        row(header);
    }

    /** Writes one row; numbers go through {@link Numbers#format(double)}. */
    public void row(List<?> values) {
        if (values.size() != columns) {
            throw new IllegalArgumentException("row of " + values.size() + " values for " + columns + " columns");
        }
        try {
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.write('\t');
                }
                out.write(text(values.get(i)));
            }
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes one line already joined by tabs (a hot path that formats its own values). */
    public void line(CharSequence joined) {
        try {
            out.append(joined);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(Object value) {
        if (value == null) {
            return Numbers.MISSING;
        }
        if (value instanceof Double || value instanceof Float) {
            return Numbers.format(((Number) value).doubleValue());
        }
        return value.toString();
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
