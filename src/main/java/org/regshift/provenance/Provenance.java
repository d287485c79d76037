package org.regshift.provenance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.regshift.io.Inputs;
import org.regshift.io.Json;

/**
 * What produced an output directory: tool version, command line, parameters, seed, input files
 * with SHA-256, start and end time, and the runtime. Input checksums are computed in the
 * background while the step runs.
 */
public final class Provenance {
    private final String step;
    private final List<String> commandLine;
    private final Map<String, Object> parameters;
    private final Instant start = Instant.now();
    private final Map<String, CompletableFuture<Map<String, Object>>> inputs = new LinkedHashMap<>();
    /** Each file is hashed once, whatever roles it plays. */
    private final Map<Path, CompletableFuture<Map<String, Object>>> described = new HashMap<>();
    private final Map<String, Object> extra = new LinkedHashMap<>();

    public Provenance(String step, List<String> commandLine, Map<String, Object> parameters) {
        this.step = step;
        this.commandLine = List.copyOf(commandLine);
        this.parameters = new LinkedHashMap<>(parameters);
    }

    /** Records an input file under a role (counts, fasta, ...); its checksum starts at once. */
    public void input(String role, Path file) {
        inputs.put(role, described.computeIfAbsent(file.toAbsolutePath().normalize(),
                f -> CompletableFuture.supplyAsync(() -> describe(file))));
    }

    /** Adds a named section, such as the estimator a step used. */
    public void put(String key, Object value) {
        extra.put(key, value);
    }

    public void write(Path file) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("tool", "regshift");
        doc.put("version", Version.get());
        doc.put("step", step);
        doc.put("command_line", commandLine);
        doc.put("parameters", parameters);
        Map<String, Object> files = new LinkedHashMap<>();
        inputs.forEach((role, sum) -> files.put(role, sum.join()));
        doc.put("inputs", files);
        doc.putAll(extra);
        doc.put("start", start.toString());
        doc.put("end", Instant.now().toString());
        doc.put("runtime", runtime());
        Json.write(file, doc);
    }

    private static Map<String, Object> describe(Path file) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("path", file.toAbsolutePath().normalize().toString());
        try {
            d.put("bytes", Files.size(file));
        } catch (java.io.IOException e) {
            d.put("bytes", null);
        }
        d.put("sha256", Inputs.sha256(file));
        return d;
    }

    private static Map<String, Object> runtime() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("java_version", System.getProperty("java.version"));
        r.put("java_vendor", System.getProperty("java.vendor"));
        r.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        r.put("cores", Runtime.getRuntime().availableProcessors());
        r.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
        return r;
    }
}
