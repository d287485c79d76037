package org.regshift.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * JSON output shared by every step: indented, keys in insertion order, NaN written as null, enums
 * by their command-line names. Report records name their components in snake_case
 * ({@code @JsonNaming(SnakeCaseStrategy)}).
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
            .build();

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static void write(Path file, Object value) {
        try {
            MAPPER.writeValue(file.toFile(), MAPPER.valueToTree(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode read(Path file) {
        try {
            return MAPPER.readTree(Inputs.open(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw InputException.inFile(file, "is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw InputException.inFile(file, "cannot read (" + e.getMessage() + ")");
        }
    }

    /** An object whose keys keep the order given (Map.of's order changes from run to run). */
    public static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /** A number for a JSON document: null when it is not finite. */
    public static Double number(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
