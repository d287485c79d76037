package org.regshift.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/** Opening input files: plain, gzip or bgzip (recognised by their magic bytes, not their name). */
public final class Inputs {
    private static final int BUFFER = 1 << 16;

    private Inputs() {
    }

    /** Opens a file for reading, decompressing gzip and bgzip (a series of gzip members). */
    public static InputStream open(Path file) {
        InputStream raw = openRaw(file);
        try {
            BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
            return isGzip(in) ? new GZIPInputStream(in, BUFFER) : in;
        } catch (IOException e) {
            closeQuietly(raw);
            throw InputException.inFile(file, "cannot read gzip header (" + e.getMessage() + ")");
        }
    }

    /** SHA-256 of the file's bytes as stored, in lower-case hex. */
    public static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(openRaw(file), sha256Digest())) {
            byte[] buffer = new byte[BUFFER];
            while (in.read(buffer) >= 0) {
                // reading feeds the digest
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }

    private static InputStream openRaw(Path file) {
        if (Files.isDirectory(file)) {
            throw InputException.inFile(file, "is a directory, expected a file");
        }
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw InputException.inFile(file, "no such file");
        } catch (IOException e) {
            throw InputException.inFile(file, "cannot open (" + e.getMessage() + ")");
        }
    }

    private static boolean isGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b;
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // already failing with a clearer error
        }
    }
}
