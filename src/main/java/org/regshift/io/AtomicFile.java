package org.regshift.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A single output file that appears only when complete: written under a hidden temporary name
 * beside the target and renamed over it by {@link #commit()}; without a commit, {@link #close()}
 * removes the temporary file.
 */
public final class AtomicFile implements AutoCloseable {
    private final Path target;
    private final Path temporary;

    public AtomicFile(Path target) {
        this.target = target.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.target.getParent());
            String name = this.target.getFileName().toString();
            String suffix = name.endsWith(".gz") ? ".gz" : "";
            temporary = Files.createTempFile(this.target.getParent(), "." + name + ".", ".tmp" + suffix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write beside " + target + ": " + e.getMessage(), e);
        }
    }

    /** Where to write. */
    public Path path() {
        return temporary;
    }

    public void commit() {
        try {
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the output into " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
