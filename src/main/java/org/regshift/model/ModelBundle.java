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
        List<Object> described = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            String file = "member_" + i + ".zip";
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
        Json.write(dir.resolve(MODEL_JSON), Json.object(
                "format", FORMAT, "format_version", FORMAT_VERSION,
                "architecture", architecture, "input_length", length, "alphabet", "ACGT (N = all zeros)",
                "input_layout", "one-hot [batch, 4, length], centre crop or pad",
                "target", Json.object("mean", targetMean, "sd", targetSd),
                "loss", loss, "outputs", List.of("mean", "log_variance"),
                "members", described));
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

    public static ModelBundle load(Path dir) {
        Path json = dir.resolve(MODEL_JSON);
        if (!Files.isRegularFile(json)) {
            throw InputException.inFile(dir, "is not a RegShift model bundle (no " + MODEL_JSON + ")");
        }
        JsonNode doc = Json.read(json);
        if (!FORMAT.equals(doc.path("format").asText()) || doc.path("format_version").asInt() != FORMAT_VERSION) {
            throw InputException.inFile(json, "is a model of format '" + doc.path("format").asText() + "' version "
                    + doc.path("format_version").asText() + "; this RegShift reads " + FORMAT + " version " + FORMAT_VERSION);
        }
        List<Member> members = new ArrayList<>();
        for (JsonNode m : doc.path("members")) {
            Path file = dir.resolve(m.path("file").asText()).normalize();
            if (!file.startsWith(dir.normalize()) || !Files.isRegularFile(file)) {
                throw InputException.inFile(json, "names member file '" + m.path("file").asText() + "', which the bundle lacks");
            }
            try {
                members.add(new Member(ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false), m.path("seed").asLong(),
                        m.path("epochs").asInt(), m.path("best_epoch").asInt(), m.path("valid_nll").asDouble(),
                        m.path("valid_pearson").asDouble()));
            } catch (IOException | RuntimeException e) {
                throw InputException.inFile(file, "is not a readable DL4J network (" + e.getMessage() + ")");
            }
        }
        if (members.isEmpty()) {
            throw InputException.inFile(json, "lists no members");
        }
        return new ModelBundle(doc.path("architecture").asText(), doc.path("input_length").asInt(),
                doc.path("target").path("mean").asDouble(), doc.path("target").path("sd").asDouble(),
                doc.path("loss").asText(), members);
    }

    /** Training summaries, for logs and provenance. */
    public List<Map<String, Object>> summaries() {
        return members.stream().map(m -> Json.object("seed", m.seed(), "epochs", m.epochs(), "best_epoch", m.bestEpoch(),
                "valid_nll", Json.number(m.validNll()), "valid_pearson", Json.number(m.validPearson()))).toList();
    }
}
