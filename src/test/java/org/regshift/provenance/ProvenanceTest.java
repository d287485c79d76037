package org.regshift.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regshift.io.Json;

/** provenance.json records what produced an output: every field, checksums recomputed independently. */
class ProvenanceTest {
    @TempDir
    Path tmp;

    @Test
    void recordsStepCommandLineParametersInputsWithTheirChecksumsAndTimes() throws Exception {
        Path input = tmp.resolve("counts.tsv");
        Files.writeString(input, "id\tdna_1\trna_1\ne1\t5\t7\n");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("seed", 3L);
        parameters.put("counts", input.toString());
        Provenance provenance = new Provenance("qc", List.of("regshift", "qc", "--seed", "3"), parameters);
        provenance.input("counts", input);
        provenance.input("again", input);
        provenance.put("estimator", "log2 ratio");
        Instant before = Instant.now();
        Path file = tmp.resolve("provenance.json");
        provenance.write(file);

        JsonNode doc = Json.read(file);
        assertThat(doc.path("tool").asText()).isEqualTo("regshift");
        assertThat(doc.path("version").asText()).isEqualTo(Version.get()).isNotBlank();
        assertThat(doc.path("step").asText()).isEqualTo("qc");
        assertThat(doc.path("command_line").toString()).isEqualTo("[\"regshift\",\"qc\",\"--seed\",\"3\"]");
        assertThat(doc.path("parameters").path("seed").asLong()).isEqualTo(3);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readString(input).getBytes(StandardCharsets.UTF_8)));
        for (String role : List.of("counts", "again")) {
            JsonNode in = doc.path("inputs").path(role);
            assertThat(in.path("sha256").asText()).as(role).isEqualTo(sha);
            assertThat(in.path("bytes").asLong()).isEqualTo(Files.size(input));
            assertThat(in.path("path").asText()).isEqualTo(input.toAbsolutePath().normalize().toString());
        }
        assertThat(doc.path("estimator").asText()).isEqualTo("log2 ratio");
        Instant start = Instant.parse(doc.path("start").asText());
        Instant end = Instant.parse(doc.path("end").asText());
        assertThat(start).isBeforeOrEqualTo(before);
        assertThat(end).isAfterOrEqualTo(before).isAfterOrEqualTo(start);
        assertThat(doc.path("runtime").path("java_version").asText()).isEqualTo(System.getProperty("java.version"));
    }
}
