package org.regshift.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** JSON output shared by every step: indented, keys in insertion order, NaN written as null. */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
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

    /** A number for a JSON document: null when it is not finite. */
    public static Double number(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
