package org.regshift.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every module's meta.yml is valid YAML, validates against nf-core's module meta schema, and names
 * exactly the inputs and outputs its main.nf declares; every module declares the project's image.
 */
class ModuleMetaTest {
    private static final Path MODULES = Path.of("workflows/modules");
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
            .getSchema(ModuleMetaTest.class.getResourceAsStream("/nf-core/module-meta.schema.json"));
    private static final Pattern ELEMENT = Pattern.compile("(val|path)\\(\\s*(?:\"([^\"]+)\"|(\\w+))");
    private static final Pattern SINGLE = Pattern.compile("^(?:val|path)\\s+\"?([^\",\\s]+)\"?");

    static Stream<String> modules() throws IOException {
        try (Stream<Path> dirs = Files.list(MODULES)) {
            return dirs.map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("modules")
    void metaYmlValidatesAgainstTheNfCoreSchemaAndNamesWhatMainNfDeclares(String module) throws IOException {
        JsonNode meta = YAML.readTree(MODULES.resolve(module).resolve("meta.yml").toFile());
        assertThat(SCHEMA.validate(meta)).as(module).isEmpty();
        String main = Files.readString(MODULES.resolve(module).resolve("main.nf"));
        assertThat(names(meta.get("input"))).as(module + " inputs").isEqualTo(declared(section(main, "input:", "output:")).values()
                .stream().toList());
        Map<String, List<String>> outputs = new LinkedHashMap<>();
        meta.get("output").forEach(emit -> emit.fields().forEachRemaining(e -> outputs.put(e.getKey(), names(List.of(e.getValue())).get(0))));
        assertThat(outputs).as(module + " outputs").isEqualTo(declared(section(main, "output:", "when:")));
    }

    @Test
    void aMetaYmlWithoutToolsOrWithAToolWithoutALinkFailsTheSchema() throws IOException {
        ObjectNode meta = (ObjectNode) YAML.readTree(MODULES.resolve("qc/meta.yml").toFile());
        ((ObjectNode) meta.at("/tools/0/regshift")).remove("doi");
        Set<ValidationMessage> noLink = SCHEMA.validate(meta);
        assertThat(noLink).isNotEmpty();
        meta.remove("tools");
        assertThat(SCHEMA.validate(meta)).extracting(ValidationMessage::getMessage).anyMatch(m -> m.contains("tools"));
    }

    @Test
    void everyModuleDeclaresTheImageOfThisVersionThatThePipelineDefaultsTo() throws IOException {
        String image = "ghcr.io/regshift/regshift:" + Nextflow.projectVersion();
        for (String module : modules().toList()) {
            assertThat(Files.readString(MODULES.resolve(module).resolve("main.nf"))).as(module).contains("container '" + image + "'");
        }
        assertThat(Files.readString(Path.of("nextflow.config"))).contains("container       = '" + image + "'");
        assertThat(new ObjectMapper().readTree(Path.of("nextflow_schema.json").toFile()).at("/$defs/resource_options/properties/container/default")
                .asText()).isEqualTo(image);
    }

    /** The element names of each channel: a list per channel. */
    private static List<List<String>> names(Iterable<JsonNode> channels) {
        List<List<String>> all = new ArrayList<>();
        channels.forEach(channel -> {
            List<String> names = new ArrayList<>();
            channel.forEach(element -> element.fieldNames().forEachRemaining(names::add));
            all.add(names);
        });
        return all;
    }

    /** The element names of each declared channel, by its emit name (outputs) or position (inputs). */
    private static Map<String, List<String>> declared(String section) {
        Map<String, List<String>> channels = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        for (String line : section.strip().split("\n")) {
            String l = line.strip();
            if (!lines.isEmpty() && lines.get(lines.size() - 1).endsWith(",") && !l.isEmpty()) {
                lines.set(lines.size() - 1, lines.get(lines.size() - 1) + " " + l);
            } else if (!l.isEmpty()) {
                lines.add(l);
            }
        }
        for (String line : lines) {
            List<String> names = new ArrayList<>();
            if (line.startsWith("tuple")) {
                Matcher m = ELEMENT.matcher(line);
                while (m.find()) {
                    names.add(m.group(2) != null ? m.group(2) : m.group(3));
                }
            } else {
                Matcher m = SINGLE.matcher(line);
                assertThat(m.find()).as(line).isTrue();
                names.add(m.group(1));
            }
            Matcher emit = Pattern.compile("emit:\\s*(\\w+)").matcher(line);
            channels.put(emit.find() ? emit.group(1) : String.valueOf(channels.size()), names);
        }
        return channels;
    }

    private static String section(String main, String from, String to) {
        int start = main.indexOf("\n    " + from);
        return main.substring(start + from.length() + 5, main.indexOf("\n    " + to, start));
    }
}
