package org.regshift.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An output directory that only ever shows complete files. Files are written into a hidden
 * staging directory inside it and renamed into place by {@link #commit()}, with
 * {@code provenance.json} last, so a directory holding provenance.json is complete. A step that
 * fails calls {@link #close()} without committing and leaves nothing behind. A lock (an operating
 * system lock on a file in the directory) keeps a second run from writing into the same directory
 * at the same time; the system releases it when a run dies, so a run killed with SIGKILL leaves a
 * lock file and staging directory that the next run takes over and clears.
 */
public final class AtomicOutputDir implements AutoCloseable {
    public static final String PROVENANCE = "provenance.json";
    private static final String LOCK = ".regshift.lock";

    private final Path dir;
    private final Path staging;
    private final Path lock;
    private final FileChannel lockChannel;
    private final boolean created;
    private boolean committed;

    public AtomicOutputDir(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
        try {
            created = !Files.isDirectory(this.dir);
            Files.createDirectories(this.dir);
            lock = this.dir.resolve(LOCK);
            lockChannel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (!acquire(lockChannel)) {
                lockChannel.close();
                throw new UsageException("output directory " + dir + " is in use by another run");
            }
            clearStaleStaging();
            staging = Files.createTempDirectory(this.dir, ".staging-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create output directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean acquire(FileChannel channel) throws IOException {
        try {
            return channel.tryLock() != null;
        } catch (OverlappingFileLockException e) {
            return false; // held by this process
        }
    }

    /** Staging directories of runs that were killed before they could clean up. */
    private void clearStaleStaging() throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.filter(p -> p.getFileName().toString().startsWith(".staging-")).toList()) {
                deleteTree(p);
            }
        }
    }

    /** Where to write the output file of this name before it is committed. */
    public Path file(String name) {
        return staging.resolve(name);
    }

    /** The staging directory, for libraries that name their own files (plots). */
    public Path staging() {
        return staging;
    }

    /** The final location of an output file. */
    public Path target(String name) {
        return dir.resolve(name);
    }

    /** Moves every staged file into the output directory, provenance.json last. */
    public void commit() {
        try {
            Files.deleteIfExists(dir.resolve(PROVENANCE));
            List<Path> staged = new ArrayList<>();
            try (Stream<Path> files = Files.list(staging)) {
                files.sorted(Comparator.comparing((Path p) -> p.getFileName().toString().equals(PROVENANCE))
                        .thenComparing(Path::getFileName)).forEach(staged::add);
            }
            for (Path file : staged) {
                move(file, dir.resolve(file.getFileName()));
            }
            committed = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move outputs into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Removes the staging directory and the lock; if nothing was committed, leaves no trace. */
    @Override
    public void close() {
        deleteTree(staging);
        deleteTree(lock);
        try {
            lockChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lock of " + dir + ": " + e.getMessage(), e);
        }
        if (!committed && created) {
            try {
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                // the directory holds something else: leave it
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up " + root + ": " + e.getMessage(), e);
        }
    }
}
