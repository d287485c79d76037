package org.regshift.motif;

/** Base indices used by motifs and simulation: A=0, C=1, G=2, T=3; complement is 3 - index. */
public final class Bases {
    public static final String ACGT = "ACGT";

    private Bases() {
    }

    /** The index of an upper-case base, or -1 for N or anything else. */
    public static int index(char base) {
        switch (base) {
            case 'A':
                return 0;
            case 'C':
                return 1;
            case 'G':
                return 2;
            case 'T':
                return 3;
            default:
                return -1;
        }
    }

    /** The base indices of {@code length} bases of a sequence from {@code from} (-1 for N). */
    public static byte[] encode(CharSequence seq, int from, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) index(seq.charAt(from + i));
        }
        return out;
    }

    /** The reverse complement of an upper-case ACGTN sequence (N stays N). */
    public static String reverseComplement(CharSequence seq) {
        char[] out = new char[seq.length()];
        for (int i = 0; i < out.length; i++) {
            int b = index(seq.charAt(seq.length() - 1 - i));
            out[i] = b < 0 ? 'N' : ACGT.charAt(3 - b);
        }
        return new String(out);
    }
}
