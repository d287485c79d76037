package org.regshift.seq;

/** The DNA alphabet RegShift works in: A, C, G, T and N, upper case. */
public final class Alphabet {
    /**
     * The longest sequence read as one record (models read a few hundred bases; a longer record is
     * almost always a whole chromosome given by mistake, and is refused before it fills memory).
     */
    public static final int MAX_SEQUENCE_LENGTH = 1_000_000;
    private static final String IUPAC_AMBIGUOUS = "RYSWKMBDHV";

    private Alphabet() {
    }

    /**
     * Upper-cases the bases in place and checks them. Returns -1 when every base is valid, else the
     * index of the first invalid one. IUPAC ambiguity codes become N when {@code iupacToN} is set.
     */
    /** The message for a sequence beyond {@link #MAX_SEQUENCE_LENGTH}. */
    public static String tooLong() {
        return "sequence is longer than " + String.format("%,d", MAX_SEQUENCE_LENGTH)
                + " bp, the most RegShift reads as one sequence (cut out the region the model should read)";
    }

    public static int normalise(byte[] bases, boolean iupacToN) {
        for (int i = 0; i < bases.length; i++) {
            byte b = bases[i];
            if (b >= 'a' && b <= 'z') {
                b -= 32;
            }
            if (b == 'A' || b == 'C' || b == 'G' || b == 'T' || b == 'N') {
                bases[i] = b;
            } else if (iupacToN && IUPAC_AMBIGUOUS.indexOf(b) >= 0) {
                bases[i] = 'N';
            } else {
                return i;
            }
        }
        return -1;
    }

    /** A description of why the base at {@code index} was refused, for an error message. */
    public static String describeInvalid(byte[] bases, int index) {
        char c = (char) (bases[index] & 0xff);
        String shown = c >= 33 && c < 127 ? "'" + c + "'" : String.format("byte 0x%02x", (int) c);
        String hint = IUPAC_AMBIGUOUS.indexOf(Character.toUpperCase(c)) >= 0
                ? " (use --iupac-to-n to read IUPAC ambiguity codes as N)" : "";
        return shown + " at position " + (index + 1) + " is not A, C, G, T or N" + hint;
    }

    /** Fraction of G and C among the non-N bases; NaN when there are none. */
    public static double gcFraction(CharSequence bases) {
        int gc = 0;
        int known = 0;
        for (int i = 0; i < bases.length(); i++) {
            char b = bases.charAt(i);
            if (b != 'N') {
                known++;
                if (b == 'G' || b == 'C') {
                    gc++;
                }
            }
        }
        return known == 0 ? Double.NaN : (double) gc / known;
    }

    /** Fraction of N bases; NaN for an empty sequence. */
    public static double nFraction(CharSequence bases) {
        if (bases.length() == 0) {
            return Double.NaN;
        }
        int n = 0;
        for (int i = 0; i < bases.length(); i++) {
            if (bases.charAt(i) == 'N') {
                n++;
            }
        }
        return (double) n / bases.length();
    }
}
