package org.regshift.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.regshift.io.InputException;
import org.regshift.io.Json;

/**
 * A trained model as a directory: {@code model.json} (format version, architecture, input length,
 * alphabet, target normalisation, loss, members with their training summary), one
 * {@code member_<i>.zip} per ensemble member in DL4J's own format (with the updater state), and
 * {@code provenance.json}. Loading refuses another format or version.
 */
public record ModelBundle(String architecture, int length, double targetMean, double targetSd, String loss,
                          List<Member> members) {
    public static final String FORMAT = "regshift-model";
    public static final int FORMAT_VERSION = 1;
    public static final String MODEL_JSON = "model.json";
    private static final long FIXED_ZIP_TIME = 946_684_800_000L;

    /** One ensemble member: its network, seed and training summary. */
    public record Member(MultiLayerNetwork network, long seed, int epochs, int bestEpoch, double validNll,
                         double validPearson) {
    }

    public void save(Path dir) {
        List<Map<String, Object>> described = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            String file = memberFile(i);
            try {
                Path zip = dir.resolve(file);
                ModelSerializer.writeModel(m.network(), zip.toFile(), true);
                stripTimestamps(zip);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            described.add(Json.object("file", file, "seed", m.seed(), "epochs", m.epochs(), "best_epoch", m.bestEpoch(),
                    "valid_nll", Json.number(m.validNll()), "valid_pearson", Json.number(m.validPearson())));
        }
        writeManifest(dir, architecture, length, targetMean, targetSd, loss, described);
    }

    private static String memberFile(int index) {
        return "member_" + index + ".zip";
    }

    private static void writeManifest(Path dir, String architecture, int length, double targetMean, double targetSd,
                                      String loss, List<Map<String, Object>> members) {
        Json.write(dir.resolve(MODEL_JSON), Json.object(
                "format", FORMAT, "format_version", FORMAT_VERSION,
                "architecture", architecture, "input_length", length, "alphabet", "ACGT (N = all zeros)",
                "input_layout", "one-hot [batch, 4, length], centre crop or pad",
                "target", Json.object("mean", targetMean, "sd", targetSd),
                "loss", loss, "outputs", List.of("mean", "log_variance"),
                "members", members));
    }

    /** Rewrites a zip with every entry's time fixed, so the same model gives the same bytes. */
    private static void stripTimestamps(Path zip) throws IOException {
        Path fixed = zip.resolveSibling(zip.getFileName() + ".fixed");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(fixed))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTime(FIXED_ZIP_TIME);
                out.putNextEntry(copy);
                in.transferTo(out);
                out.closeEntry();
            }
        }
        Files.move(fixed, zip, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The bundle's model.json, checked for format and version. */
    private static JsonNode manifest(Path dir) {
        Path json = dir.resolve(MODEL_JSON);
        if (!Files.isRegularFile(json)) {
            throw InputException.inFile(dir, "is not a RegShift model bundle (no " + MODEL_JSON + ")");
        }
        JsonNode doc = Json.read(json);
        if (!FORMAT.equals(doc.path("format").asText()) || doc.path("format_version").asInt() != FORMAT_VERSION) {
            throw InputException.inFile(json, "is a model of format '" + doc.path("format").asText() + "' version "
                    + doc.path("format_version").asText() + "; this RegShift reads " + FORMAT + " version " + FORMAT_VERSION);
        }
        if (doc.path("members").isEmpty()) {
            throw InputException.inFile(json, "lists no members");
        }
        return doc;
    }

    /** A member's file inside the bundle; one that is missing or would lie outside it is refused. */
    private static Path memberPath(Path dir, JsonNode member) {
        Path file = dir.resolve(member.path("file").asText()).normalize();
        if (!file.startsWith(dir.normalize()) || !Files.isRegularFile(file)) {
            throw InputException.inFile(dir.resolve(MODEL_JSON), "names member file '" + member.path("file").asText()
                    + "', which the bundle lacks");
        }
        return file;
    }

    public static ModelBundle load(Path dir) {
        JsonNode doc = manifest(dir);
        List<Member> members = new ArrayList<>();
        for (JsonNode m : doc.path("members")) {
            Path file = memberPath(dir, m);
            try {
                members.add(new Member(ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false), m.path("seed").asLong(),
                        m.path("epochs").asInt(), m.path("best_epoch").asInt(), m.path("valid_nll").asDouble(),
                        m.path("valid_pearson").asDouble()));
            } catch (IOException | RuntimeException e) {
                throw InputException.inFile(file, "is not a readable DL4J network (" + e.getMessage() + ")");
            }
        }
        return new ModelBundle(doc.path("architecture").asText(), doc.path("input_length").asInt(),
                doc.path("target").path("mean").asDouble(), doc.path("target").path("sd").asDouble(),
                doc.path("loss").asText(), members);
    }

    /**
     * Writes the members of several bundles into {@code out} as one ensemble, copying their files
     * unchanged. The bundles must agree on everything but their weights: architecture, input
     * length, target normalisation and loss. Returns the number of members.
     */
    public static int merge(List<Path> dirs, Path out) {
        JsonNode first = manifest(dirs.get(0));
        List<Map<String, Object>> described = new ArrayList<>();
        for (Path dir : dirs) {
            JsonNode doc = manifest(dir);
            for (String key : List.of("architecture", "input_length", "target", "loss")) {
                if (!doc.path(key).equals(first.path(key))) {
                    throw InputException.inFile(dir.resolve(MODEL_JSON), "has another " + key + " than " + dirs.get(0)
                            + " (architecture, input length, target normalisation and loss must agree in an ensemble)");
                }
            }
            for (JsonNode m : doc.path("members")) {
                String file = memberFile(described.size());
                try {
                    Files.copy(memberPath(dir, m), out.resolve(file));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                Map<String, Object> entry = Json.mapper().convertValue(m, Json.mapper().getTypeFactory()
                        .constructMapType(java.util.LinkedHashMap.class, String.class, Object.class));
                entry.put("file", file);
                described.add(entry);
            }
        }
        writeManifest(out, first.path("architecture").asText(), first.path("input_length").asInt(),
                first.path("target").path("mean").asDouble(), first.path("target").path("sd").asDouble(),
                first.path("loss").asText(), described);
        return described.size();
    }

    /** Training summaries, for logs and provenance. */
    public List<Map<String, Object>> summaries() {
        return members.stream().map(m -> Json.object("seed", m.seed(), "epochs", m.epochs(), "best_epoch", m.bestEpoch(),
                "valid_nll", Json.number(m.validNll()), "valid_pearson", Json.number(m.validPearson()))).toList();
    }
}
