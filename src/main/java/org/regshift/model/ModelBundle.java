package org.regshift.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.regshift.io.InputException;
import org.regshift.io.Json;
import org.regshift.model.net.Loss;

/**
 * A trained model as a directory: {@code model.json} (format version, architecture, input length,
 * alphabet, target normalisation, loss, members with their training summary), one
 * {@code member_<i>.zip} per ensemble member in DL4J's own format (with the updater state), and
 * {@code provenance.json}. Loading refuses another format or version.
 */
public record ModelBundle(String architecture, int length, double targetMean, double targetSd, Loss loss,
                          PriorFeatures priors, OodReference ood, Map<String, Object> hyperParameters,
                          List<Member> members) {
    public static final String FORMAT = "regshift-model";
    public static final int FORMAT_VERSION = 3;
    public static final String MODEL_JSON = "model.json";
    private static final long FIXED_ZIP_TIME = 946_684_800_000L;

    /**
     * One ensemble member: its network, seed and training summary; {@code residualVariance} is its
     * constant variance (standardised units) when the loss does not learn one, else NaN.
     */
    public record Member(ComputationGraph network, long seed, int epochs, int bestEpoch, double validNll,
                         double validPearson, double residualVariance) {
        Map<String, Object> summary() {
            Map<String, Object> s = Json.object("seed", seed, "epochs", epochs, "best_epoch", bestEpoch,
                    "valid_nll", Json.number(validNll), "valid_pearson", Json.number(validPearson));
            if (!Double.isNaN(residualVariance)) {
                s.put("residual_variance", residualVariance);
            }
            return s;
        }
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
            Map<String, Object> entry = Json.object("file", file);
            entry.putAll(m.summary());
            described.add(entry);
        }
        Json.write(dir.resolve(MODEL_JSON), Json.object(
                "format", FORMAT, "format_version", FORMAT_VERSION,
                "architecture", architecture, "input_length", length, "alphabet", "ACGT (N = all zeros)",
                "input_layout", "one-hot [batch, 4, length], centre crop or pad",
                "target", Json.object("mean", targetMean, "sd", targetSd),
                "loss", loss.label(), "outputs", List.of("mean", "log_variance"),
                "priors", priors == null ? null : priors.toJson(),
                "ood", ood.toJson(),
                "hyper_parameters", hyperParameters,
                "members", described));
    }

    private static String memberFile(int index) {
        return "member_" + index + ".zip";
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

    /** The model.json of a bundle directory or .zip, without loading its networks. */
    /**
     * Whether predictions average both strands: {@code choice}, or when null, whether the model was
     * trained on both strands (reverse-complement augmentation), so that either strand is its input.
     */
    public boolean averagesStrands(Boolean choice) {
        return choice != null ? choice : String.valueOf(hyperParameters.get("augment")).contains("rc");
    }

    public static JsonNode readManifest(Path path) {
        if (Files.isRegularFile(path)) {
            try (BundleArchive archive = new BundleArchive(path)) {
                return manifest(archive.root());
            }
        }
        return manifest(path);
    }

    /** Loads a bundle directory, or a .zip of one. */
    public static ModelBundle load(Path path) {
        if (Files.isRegularFile(path)) {
            try (BundleArchive archive = new BundleArchive(path)) {
                return loadDirectory(archive.root());
            }
        }
        return loadDirectory(path);
    }

    private static ModelBundle loadDirectory(Path dir) {
        JsonNode doc = manifest(dir);
        List<Member> members = new ArrayList<>();
        for (JsonNode m : doc.path("members")) {
            Path file = memberPath(dir, m);
            try {
                members.add(new Member(ModelSerializer.restoreComputationGraph(file.toFile(), false), m.path("seed").asLong(),
                        m.path("epochs").asInt(), m.path("best_epoch").asInt(), m.path("valid_nll").asDouble(),
                        m.path("valid_pearson").asDouble(), m.path("residual_variance").asDouble(Double.NaN)));
            } catch (IOException | RuntimeException e) {
                throw InputException.inFile(file, "is not a readable DL4J network (" + e.getMessage() + ")");
            }
        }
        for (String pointer : List.of("/architecture", "/input_length", "/target/mean", "/target/sd", "/loss")) {
            if (doc.at(pointer).isMissingNode() || doc.at(pointer).isNull()) {
                throw InputException.inFile(dir.resolve(MODEL_JSON), "lacks " + pointer.substring(1).replace('/', '.')
                        + ", which every model bundle has");
            }
        }
        try {
            return new ModelBundle(doc.path("architecture").asText(), doc.path("input_length").asInt(),
                    doc.path("target").path("mean").asDouble(), doc.path("target").path("sd").asDouble(),
                    Loss.parse(doc.path("loss").asText()), PriorFeatures.fromJson(doc.get("priors")),
                    OodReference.fromJson(doc.get("ood")),
                    Json.mapper().convertValue(doc.path("hyper_parameters"), Json.mapper().getTypeFactory()
                            .constructMapType(LinkedHashMap.class, String.class, Object.class)), members);
        } catch (IllegalArgumentException e) {
            throw InputException.inFile(dir.resolve(MODEL_JSON), "is not a valid model description (" + e.getMessage() + ")");
        }
    }

    /**
     * Writes the members of several bundles into {@code out} as one ensemble, copying their files
     * unchanged. The bundles must agree on everything but their weights: architecture, input
     * length, target normalisation and loss. Returns the number of members.
     */
    public static int merge(List<Path> dirs, Path out) {
        JsonNode first = manifest(dirs.get(0));
        List<JsonNode> described = new ArrayList<>();
        for (Path dir : dirs) {
            JsonNode doc = manifest(dir);
            for (String key : List.of("architecture", "input_length", "target", "loss", "priors")) {
                if (!doc.path(key).equals(first.path(key))) {
                    throw InputException.inFile(dir.resolve(MODEL_JSON), "has another " + key + " than " + dirs.get(0)
                            + " (architecture, input length, target normalisation, loss and priors must agree in an ensemble)");
                }
            }
            for (JsonNode m : doc.path("members")) {
                String file = memberFile(described.size());
                try {
                    Files.copy(memberPath(dir, m), out.resolve(file));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                described.add(((ObjectNode) m.deepCopy()).put("file", file));
            }
        }
        ObjectNode merged = first.deepCopy();
        merged.putArray("members").addAll(described);
        Json.write(out.resolve(MODEL_JSON), merged);
        return described.size();
    }

    /** Training summaries, for logs and provenance. */
    public List<Map<String, Object>> summaries() {
        return members.stream().map(Member::summary).toList();
    }
}
