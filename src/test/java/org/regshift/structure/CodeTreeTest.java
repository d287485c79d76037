package org.regshift.structure;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.regshift.RegShift;
import picocli.CommandLine;

/**
 * The code tree reads like the pipeline: no import cycle between packages, a package-info.java in
 * each, and every step one package, one subcommand and one Nextflow module of the same name.
 */
class CodeTreeTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    /** Imports and fully qualified names of RegShift classes: the package is what precedes the capitalised name. */
    private static final Pattern REFERENCE = Pattern.compile("\\b(org\\.regshift(?:\\.[a-z]\\w*)*)\\.[A-Z]");

    /** Each package and the RegShift packages its sources refer to. */
    static Map<String, Set<String>> packageGraph() throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher p = PACKAGE.matcher(source);
                assertThat(p.find()).as(file.toString()).isTrue();
                Set<String> uses = graph.computeIfAbsent(p.group(1), k -> new TreeSet<>());
                Matcher r = REFERENCE.matcher(source.substring(p.end()));
                while (r.find()) {
                    if (!r.group(1).equals(p.group(1))) {
                        uses.add(r.group(1));
                    }
                }
            }
        }
        return graph;
    }

    /** The packages reachable from {@code start}, including itself. */
    private static Set<String> reachable(Map<String, Set<String>> graph, String start) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            String p = todo.pop();
            if (seen.add(p)) {
                todo.addAll(graph.getOrDefault(p, Set.of()));
            }
        }
        return seen;
    }

    @Test
    void noPackageImportsAPackageThatImportsIt() throws IOException {
        Map<String, Set<String>> graph = packageGraph();
        List<String> cycles = new ArrayList<>();
        for (String p : graph.keySet()) {
            for (String q : graph.get(p)) {
                if (reachable(graph, q).contains(p)) {
                    cycles.add(p + " -> " + q);
                }
            }
        }
        assertThat(cycles).as("imports that close a cycle").isEmpty();
    }

    @Test
    void theCheckFindsACycle() {
        Map<String, Set<String>> graph = new HashMap<>();
        graph.put("a", Set.of("b"));
        graph.put("b", Set.of("c"));
        graph.put("c", Set.of("a"));
        assertThat(reachable(graph, "b")).contains("a");
        assertThat(reachable(graph, "c")).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void everyPackageSaysWhatItIsFor() throws IOException {
        for (String p : packageGraph().keySet()) {
            Path info = MAIN.resolve(p.replace('.', '/')).resolve("package-info.java");
            assertThat(info).as(p).exists();
            assertThat(Files.readString(info)).as(p).contains("/**").contains("package " + p + ";");
        }
    }

    @Test
    void everyStepIsOnePackageOneSubcommandAndOneModuleOfOneName() {
        CommandLine cl = new CommandLine(new RegShift());
        assertThat(cl.getSubcommands()).hasSizeGreaterThanOrEqualTo(12);
        cl.getSubcommands().forEach((name, sub) -> {
            String packageName = sub.getCommand().getClass().getPackageName();
            String[] words = name.split("-");
            assertThat(packageName).as(name).isEqualTo("org.regshift." + words[words.length - 1]);
            assertThat(Path.of("workflows/modules", name.replace('-', '_'), "main.nf")).as(name).exists();
        });
    }
}
