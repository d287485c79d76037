package org.regshift.motif;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.regshift.io.InputException;
import org.regshift.io.Inputs;

/**
 * Reads motif files in JASPAR format ({@code >ID NAME} then four rows {@code A [ counts ]}) or MEME
 * minimal format ({@code MOTIF ID NAME}, {@code letter-probability matrix: ... nsites= N}, one row
 * of four probabilities per position). The format is recognised from the content. Lines starting
 * with '#' are comments in JASPAR files.
 */
public final class MotifReader {
    private static final double MEME_DEFAULT_SITES = 20;
    /** MEME files print probabilities to 6 decimals; rows of rounded values sum to 1 within this. */
    private static final double PROBABILITY_TOLERANCE = 0.02;
    /** Bound on w=: a width beyond it would only allocate a matrix no motif has. */
    private static final int MAX_MEME_WIDTH = 100_000;
    private static final String DEFAULT_RESOURCE = "/org/regshift/motif/default_motifs.jaspar";

    private final String source;
    private final List<String> lines;

    private MotifReader(String source, List<String> lines) {
        this.source = source;
        this.lines = lines;
    }

    /** Every motif in the file. */
    public static List<Pwm> read(Path file) {
        try (InputStream in = Inputs.open(file)) {
            return parse(file.toString(), in);
        } catch (IOException e) {
            throw InputException.inFile(file, "cannot read (" + e.getMessage() + ")");
        }
    }

    /** The 14 JASPAR 2024 motifs RegShift ships (CC BY 4.0, attribution in the resource). */
    public static List<Pwm> defaults() {
        try (InputStream in = MotifReader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            return parse("default motif set", in);
        } catch (IOException e) {
            throw new IllegalStateException("default motifs missing from the jar", e);
        }
    }

    static List<Pwm> parse(String source, InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<String> lines = reader.lines().map(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l).toList();
        MotifReader r = new MotifReader(source, lines);
        List<Pwm> motifs = lines.stream().anyMatch(l -> l.startsWith("MOTIF ")) ? r.meme() : r.jaspar();
        if (motifs.isEmpty()) {
            throw new InputException(source + ": holds no motifs (expected JASPAR '>ID NAME' records or MEME 'MOTIF' records)");
        }
        Set<String> ids = new HashSet<>();
        for (Pwm m : motifs) {
            if (!ids.add(m.id())) {
                throw new InputException(source + " motif '" + m.id() + "': duplicate motif ID");
            }
        }
        return motifs;
    }

    private List<Pwm> jaspar() {
        List<Pwm> motifs = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                i++;
                continue;
            }
            if (!line.startsWith(">")) {
                throw error(i, "expected a '>ID NAME' header line, found '" + shorten(line) + "'");
            }
            String[] header = line.substring(1).strip().split("\\s+", 2);
            if (header[0].isEmpty()) {
                throw error(i, "motif header without an ID");
            }
            double[][] rows = new double[4][];
            for (int b = 0; b < 4; b++) {
                int at = i + 1 + b;
                if (at >= lines.size()) {
                    throw error(at, "motif '" + header[0] + "' ends before its " + Bases.ACGT.charAt(b) + " row");
                }
                rows[b] = jasparRow(at, Bases.ACGT.charAt(b));
                if (rows[b].length != rows[0].length) {
                    throw error(at, "row has " + rows[b].length + " columns, the A row has " + rows[0].length);
                }
            }
            double[][] counts = new double[rows[0].length][4];
            for (int p = 0; p < counts.length; p++) {
                for (int b = 0; b < 4; b++) {
                    counts[p][b] = rows[b][p];
                }
            }
            if (counts.length == 0) {
                throw error(i + 1, "motif '" + header[0] + "' has no positions");
            }
            for (int p = 0; p < counts.length; p++) {
                if (counts[p][0] + counts[p][1] + counts[p][2] + counts[p][3] <= 0) {
                    throw error(i + 1, "motif '" + header[0] + "' has no counts at position " + (p + 1));
                }
            }
            motifs.add(Pwm.fromCounts(header[0], header.length > 1 ? header[1].strip() : header[0], counts));
            i += 5;
        }
        return motifs;
    }

    private double[] jasparRow(int at, char base) {
        String line = lines.get(at).strip();
        if (line.isEmpty() || line.charAt(0) != base) {
            throw error(at, "expected the " + base + " row ('" + base + " [ counts ]'), found '" + shorten(line) + "'");
        }
        String body = line.substring(1).replace("[", " ").replace("]", " ").strip();
        if (body.isEmpty()) {
            return new double[0];
        }
        String[] fields = body.split("\\s+");
        double[] values = new double[fields.length];
        for (int k = 0; k < fields.length; k++) {
            values[k] = nonNegative(at, fields[k]);
        }
        return values;
    }

    private List<Pwm> meme() {
        List<Pwm> motifs = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.startsWith("MOTIF ")) {
                continue;
            }
            String[] header = line.substring(6).strip().split("\\s+", 2);
            int at = i + 1;
            while (at < lines.size() && !lines.get(at).strip().startsWith("letter-probability matrix")) {
                if (lines.get(at).strip().startsWith("MOTIF ")) {
                    throw error(at, "motif '" + header[0] + "' has no 'letter-probability matrix' line");
                }
                at++;
            }
            if (at >= lines.size()) {
                throw error(i, "motif '" + header[0] + "' has no 'letter-probability matrix' line");
            }
            int width = memeField(at, "w=", -1, MAX_MEME_WIDTH);
            double sites = memeField(at, "nsites=", (int) MEME_DEFAULT_SITES, Integer.MAX_VALUE);
            if (sites <= 0) {
                throw error(at, "motif '" + header[0] + "' has nsites= " + (int) sites + "; expected a positive number of sites");
            }
            double[][] counts = new double[width][4];
            for (int p = 0; p < width; p++) {
                int row = at + 1 + p;
                String[] f = row < lines.size() ? lines.get(row).strip().split("\\s+") : new String[0];
                if (f.length != 4) {
                    throw error(row, "motif '" + header[0] + "' expects " + width + " rows of 4 probabilities");
                }
                double sum = 0;
                for (int b = 0; b < 4; b++) {
                    counts[p][b] = nonNegative(row, f[b]) * sites;
                    sum += counts[p][b] / sites;
                }
                if (Math.abs(sum - 1) > PROBABILITY_TOLERANCE) {
                    throw error(row, "motif '" + header[0] + "': probabilities sum to " + sum + ", not 1");
                }
            }
            if (width == 0) {
                throw error(at, "motif '" + header[0] + "' has no positions");
            }
            motifs.add(Pwm.fromCounts(header[0], header.length > 1 ? header[1].strip() : header[0], counts));
            i = at + width;
        }
        return motifs;
    }

    private int memeField(int at, String key, int fallback, int max) {
        String line = lines.get(at);
        int k = line.indexOf(key);
        if (k < 0) {
            if (fallback >= 0) {
                return fallback;
            }
            throw error(at, "expected '" + key + "' in the letter-probability matrix line");
        }
        String value = line.substring(k + key.length()).strip().split("\\s+")[0];
        double number;
        try {
            number = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw error(at, "'" + value + "' after '" + key + "' is not a number");
        }
        if (!(number >= 0 && number <= max)) {
            throw error(at, "'" + value + "' after '" + key + "' is not between 0 and " + max);
        }
        return (int) Math.round(number);
    }

    private double nonNegative(int at, String text) {
        try {
            double v = Double.parseDouble(text);
            if (v >= 0 && Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error(at, "'" + text + "' is not a non-negative number");
    }

    private InputException error(int index, String what) {
        return new InputException(source + " line " + (index + 1) + ": " + what);
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
