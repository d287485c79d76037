package org.regshift.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputDirTest {
    @TempDir
    Path tmp;

    @Test
    void filesAppearOnlyOnCommit() throws IOException {
        Path dir = tmp.resolve("out");
        try (AtomicOutputDir out = new AtomicOutputDir(dir)) {
            Files.writeString(out.file("a.tsv"), "x");
            Files.writeString(out.file(AtomicOutputDir.PROVENANCE), "{}");
            assertThat(dir.resolve("a.tsv")).doesNotExist();
            out.commit();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.tsv", "provenance.json");
        }
    }

    @Test
    void withoutCommitNothingIsLeftAndACreatedDirectoryGoes() throws IOException {
        Path dir = tmp.resolve("out");
        try (AtomicOutputDir out = new AtomicOutputDir(dir)) {
            Files.writeString(out.file("a.tsv"), "x");
        }
        assertThat(dir).doesNotExist();
    }

    @Test
    void aSecondRunCannotWriteIntoADirectoryInUse() {
        Path dir = tmp.resolve("out");
        try (AtomicOutputDir first = new AtomicOutputDir(dir)) {
            assertThatThrownBy(() -> new AtomicOutputDir(dir)).isInstanceOf(UsageException.class).hasMessageContaining("in use");
        }
        try (AtomicOutputDir again = new AtomicOutputDir(dir)) {
            assertThat(again.staging()).exists();
        }
    }

    @Test
    void aRunKilledBeforeItCleanedUpLeavesNothingTheNextRunStumblesOn() throws IOException {
        Path dir = tmp.resolve("out");
        Files.createDirectories(dir.resolve(".staging-123"));
        Files.writeString(dir.resolve(".staging-123/a.tsv"), "half");
        Files.createFile(dir.resolve(".regshift.lock"));
        try (AtomicOutputDir out = new AtomicOutputDir(dir)) {
            Files.writeString(out.file("a.tsv"), "whole");
            Files.writeString(out.file(AtomicOutputDir.PROVENANCE), "{}");
            out.commit();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.tsv", "provenance.json");
        }
        assertThat(dir.resolve("a.tsv")).hasContent("whole");
    }
}
