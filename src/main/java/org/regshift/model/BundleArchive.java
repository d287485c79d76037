package org.regshift.model;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.regshift.io.InputException;

/**
 * A model bundle shipped as a .zip (of the bundle directory's files, or of one directory holding
 * them): unpacked into a temporary directory, refusing entries that would land outside it (zip
 * slip) and archives that declare or inflate to more than {@value #MAX_BYTES} bytes (zip bombs).
 */
final class BundleArchive implements AutoCloseable {
    static final long MAX_BYTES = 4L << 30;
    private final Path temp;
    private final Path root;

    BundleArchive(Path zip) {
        try {
            temp = Files.createTempDirectory("regshift-bundle");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            unpack(zip);
            root = findRoot(zip);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The directory that holds model.json. */
    Path root() {
        return root;
    }

    /** Refuses an archive whose central directory declares entries beyond the limit, before inflating anything. */
    private static void checkDeclaredSizes(Path zip) {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            long declared = 0;
            for (ZipEntry e : Collections.list(file.entries())) {
                declared += Math.max(0, e.getSize());
                if (declared > MAX_BYTES) {
                    throw InputException.inFile(zip, "declares " + e.getSize() + " bytes for entry '" + e.getName() + "'"
                            + (declared > e.getSize() ? " (" + declared + " with the entries before it)" : "")
                            + ", beyond the " + (MAX_BYTES >> 30) + " GiB a model bundle may hold");
                }
            }
        } catch (IOException | IllegalArgumentException e) { // entry names that are not UTF-8: IllegalArgumentException
            throw InputException.inFile(zip, "is not a readable zip archive ("
                    + (e.getMessage() == null ? "it ends too early" : e.getMessage()) + ")");
        }
    }

    private void unpack(Path zip) {
        checkDeclaredSizes(zip);
        long total = 0;
        byte[] buffer = new byte[1 << 16];
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry e = in.getNextEntry();
            if (e == null) {
                throw InputException.inFile(zip, "is not a readable zip archive (no entries) nor a model bundle directory");
            }
            for (; e != null; e = in.getNextEntry()) {
                Path target = temp.resolve(e.getName()).normalize();
                if (!target.startsWith(temp) || target.equals(temp)) {
                    throw InputException.inFile(zip, "has an entry '" + e.getName() + "' that would be written outside the bundle directory");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (OutputStream out = Files.newOutputStream(target)) {
                    for (int r = in.read(buffer); r > 0; r = in.read(buffer)) {
                        total += r;
                        if (total > MAX_BYTES) {
                            throw InputException.inFile(zip, "inflates to more than " + (MAX_BYTES >> 30)
                                    + " GiB (entry '" + e.getName() + "'); refusing it as a zip bomb");
                        }
                        out.write(buffer, 0, r);
                    }
                }
            }
        } catch (ZipException | java.io.EOFException | IllegalArgumentException e) {
            throw InputException.inFile(zip, "is not a readable zip archive (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path findRoot(Path zip) {
        if (Files.isRegularFile(temp.resolve(ModelBundle.MODEL_JSON))) {
            return temp;
        }
        try (Stream<Path> entries = Files.list(temp)) {
            List<Path> dirs = entries.filter(Files::isDirectory).toList();
            if (dirs.size() == 1 && Files.isRegularFile(dirs.get(0).resolve(ModelBundle.MODEL_JSON))) {
                return dirs.get(0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw InputException.inFile(zip, "is not a RegShift model bundle (no " + ModelBundle.MODEL_JSON + " at its top level)");
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(temp)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
