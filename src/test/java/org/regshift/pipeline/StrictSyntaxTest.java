package org.regshift.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import nextflow.config.control.ConfigParser;
import nextflow.script.control.ScriptParser;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.junit.jupiter.api.Test;

/**
 * The pipeline in Nextflow's strict syntax, the parser of `nextflow lint` and Nextflow's default
 * from 26.04 (nf-lang 25.04.0, the newest on Maven Central): every script and config parses and
 * resolves without an error. Two names nf-lang 25.04.0 cannot see are allowed: the classes of
 * workflows/lib (its linter does not load lib/, nextflow-io/nextflow#6634; recognised from 26.04)
 * and a process closure's task input `meta` in the configs (bound when each task runs). The
 * pipeline runs under Nextflow 24.10.0 in the other tests.
 */
class StrictSyntaxTest {
    @Test
    void everyScriptOfThePipelineIsStrictSyntax() throws IOException {
        ScriptParser parser = new ScriptParser();
        List<SourceUnit> units = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("workflows"))) {
            for (Path script : files.filter(f -> f.toString().endsWith(".nf")).sorted().toList()) {
                units.add(parser.parse(script.toAbsolutePath().toFile()));
            }
        }
        parser.analyze();
        List<String> libClasses;
        try (Stream<Path> lib = Files.list(Path.of("workflows/lib"))) {
            libClasses = lib.map(f -> f.getFileName().toString().replace(".groovy", "")).toList();
        }
        assertThat(units).hasSizeGreaterThan(15);
        assertThat(errors(units)).filteredOn(e -> libClasses.stream().noneMatch(c -> e.contains("`" + c + "` is not defined")))
                .isEmpty();
    }

    @Test
    void everyConfigOfThePipelineIsStrictSyntax() throws IOException {
        ConfigParser parser = new ConfigParser();
        List<SourceUnit> units = new ArrayList<>();
        try (Stream<Path> files = Stream.concat(Stream.of(Path.of("nextflow.config"), Path.of("workflows/nextflow.config")),
                Files.list(Path.of("conf")))) {
            for (Path config : files.sorted().toList()) {
                units.add(parser.parse(config.toAbsolutePath().toFile()));
            }
        }
        parser.analyze();
        assertThat(errors(units)).filteredOn(e -> !e.contains("`meta` is not defined")).isEmpty();
    }

    @Test
    void aStatementBesideTheWorkflowIsAnError() {
        ScriptParser parser = new ScriptParser();
        SourceUnit unit = parser.parse("main.nf", "println 'checking'\nworkflow {\n    println 'hello'\n}\n");
        parser.analyze();
        assertThat(errors(List.of(unit))).isNotEmpty();
    }

    private static List<String> errors(List<SourceUnit> units) {
        List<String> errors = new ArrayList<>();
        for (SourceUnit unit : units) {
            if (unit.getErrorCollector().hasErrors()) {
                for (Message m : unit.getErrorCollector().getErrors()) {
                    errors.add(unit.getName() + ": " + (m instanceof SyntaxErrorMessage s ? s.getCause().getMessage() : m.toString()));
                }
            }
        }
        return errors;
    }
}
