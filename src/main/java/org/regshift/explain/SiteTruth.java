package org.regshift.explain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import org.regshift.io.InputException;
import org.regshift.io.Json;
import org.regshift.io.TsvReader;
import org.regshift.io.UsageException;
import org.regshift.model.OneHot;
import org.regshift.motif.MotifReader;
import org.regshift.motif.Pwm;

/**
 * The planted motif sites of the simulator's truth.tsv ({@code sites}: motif:start:strand:affinity,
 * start 1-based, separated by ';'), with the motifs' lengths from the scenario.json beside it or
 * from a motif file: which window positions lie inside a site, and of which motif.
 */
final class SiteTruth {
    static final int NONE = -1;

    private final Path file;
    private final Map<String, String> sites = new HashMap<>();
    private final Map<String, Integer> lengths;
    private final List<String> motifs;

    private SiteTruth(Path file, Map<String, Integer> lengths) {
        this.file = file;
        this.lengths = lengths;
        this.motifs = new ArrayList<>(lengths.keySet());
    }

    /** Reads truth.tsv; motif lengths come from {@code motifFile} when given, else from scenario.json beside it. */
    static SiteTruth read(Path truth, Path motifFile) {
        SiteTruth t = new SiteTruth(truth, motifLengths(truth, motifFile));
        try (TsvReader in = new TsvReader(truth)) {
            int id = in.column("id");
            int column = in.column("sites");
            if (id < 0 || column < 0) {
                throw InputException.atLine(truth, 1, "expected the simulator's truth.tsv columns 'id' and 'sites'");
            }
            while (in.next()) {
                t.sites.put(in.field(id), in.field(column));
            }
        }
        return t;
    }

    private static Map<String, Integer> motifLengths(Path truth, Path motifFile) {
        Map<String, Integer> lengths = new LinkedHashMap<>();
        if (motifFile != null) {
            for (Pwm p : MotifReader.read(motifFile)) {
                lengths.put(p.id(), p.length());
            }
            return lengths;
        }
        Path scenario = truth.toAbsolutePath().resolveSibling("scenario.json");
        if (!Files.exists(scenario)) {
            throw new UsageException("--truth " + truth + ": no scenario.json beside it to give the motifs' lengths; give --motifs");
        }
        for (JsonNode m : Json.read(scenario).path("motifs")) {
            lengths.put(m.path("id").asText(), m.path("length").asInt());
        }
        return lengths;
    }

    /** The motif IDs, in the order {@link #motifAt} numbers them. */
    List<String> motifs() {
        return motifs;
    }

    /**
     * For each position of the window a sequence of {@code sequenceLength} is read into: the index
     * of the motif whose site covers it, or {@link #NONE}.
     */
    int[] motifAt(String id, int sequenceLength, int length) {
        String field = sites.get(id);
        if (field == null) {
            throw InputException.inFile(file, "has no row for sequence '" + id + "' of the data: the truth must come "
                    + "from the same simulated library");
        }
        int[] at = new int[length];
        Arrays.fill(at, NONE);
        if (field.isEmpty() || field.equals("NA")) {
            return at;
        }
        for (String site : field.split(";")) {
            String[] f = site.split(":");
            Integer motifLength = f.length == 4 ? lengths.get(f[0]) : null;
            if (motifLength == null) {
                throw InputException.atRecord(file, id, "site '" + site + "' is not motif:start:strand:affinity of a known motif");
            }
            int start;
            try {
                start = Integer.parseInt(f[1]) - 1;
            } catch (NumberFormatException e) {
                throw InputException.atRecord(file, id, "site '" + site + "' has no integer start");
            }
            int motif = motifs.indexOf(f[0]);
            for (int p = start; p < start + motifLength; p++) {
                int w = OneHot.windowPosition(p, sequenceLength, length);
                if (w >= 0 && w < length && at[w] == NONE) {
                    at[w] = motif;
                }
            }
        }
        return at;
    }
}
