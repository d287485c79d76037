package org.regshift.io;

import java.nio.file.Path;

/**
 * Bad input data: reported to the user as one line naming the file, the line or record, and what
 * was expected; the command exits with code 3.
 */
public final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InputException(String message) {
        super(message, null, false, false);
    }

    /** An error at a line of a text file (line numbers start at 1). */
    public static InputException atLine(Path file, long line, String what) {
        return new InputException(file + " line " + line + ": " + what);
    }

    /** An error at a named record (a FASTA record, a VCF site). */
    public static InputException atRecord(Path file, String record, String what) {
        return new InputException(file + " record '" + record + "': " + what);
    }

    /** An error about a whole file. */
    public static InputException inFile(Path file, String what) {
        return new InputException(file + ": " + what);
    }
}
