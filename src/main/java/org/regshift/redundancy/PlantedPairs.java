package org.regshift.redundancy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import org.regshift.io.InputException;
import org.regshift.io.Json;

/**
 * The motif pairs the simulator planted (scenario.json): pairs within a redundancy group are
 * "redundant", pairs with a cooperativity term "cooperative" (both when both hold). Given
 * truth.tsv, the scenario.json beside it is read.
 */
final class PlantedPairs {
    static final String NONE = "none";

    private final Map<String, String> planted = new LinkedHashMap<>();

    private PlantedPairs() {
    }

    static PlantedPairs read(Path file, List<String> motifIds) {
        Path scenario = file.getFileName().toString().endsWith(".json") ? file
                : file.toAbsolutePath().resolveSibling("scenario.json");
        if (!Files.exists(scenario)) {
            throw InputException.inFile(file, "is not the simulator's scenario.json and has no scenario.json beside it");
        }
        JsonNode root = Json.read(scenario).path("truth");
        if (!root.has("cell_programs") || !root.has("redundancy_groups")) {
            throw InputException.inFile(scenario, "has no truth.cell_programs and truth.redundancy_groups: expected the "
                    + "simulator's scenario.json");
        }
        PlantedPairs p = new PlantedPairs();
        for (JsonNode group : root.path("redundancy_groups")) {
            for (int i = 0; i < group.size(); i++) {
                for (int j = i + 1; j < group.size(); j++) {
                    p.add(motifIds, group.get(i).asText(), group.get(j).asText(), "redundant");
                }
            }
        }
        for (JsonNode cell : root.path("cell_programs")) {
            for (JsonNode pair : cell.path("cooperativity")) {
                p.add(motifIds, pair.path("motifs").path(0).asText(), pair.path("motifs").path(1).asText(), "cooperative");
            }
        }
        return p;
    }

    private void add(List<String> motifIds, String a, String b, String kind) {
        int x = motifIds.indexOf(a);
        int y = motifIds.indexOf(b);
        if (x < 0 || y < 0) {
            return; // a motif the scan does not look for cannot be ranked
        }
        planted.merge(MotifPairs.key(x, y), kind, (old, now) -> old.equals(now) ? old : "redundant+cooperative");
    }

    /** What was planted for the pair of motif indices (in either order), or {@link #NONE}. */
    String of(int a, int b) {
        return planted.getOrDefault(MotifPairs.key(a, b), NONE);
    }

    /** How many distinct-motif pairs were planted among the scanned motifs. */
    int size() {
        return planted.size();
    }
}
