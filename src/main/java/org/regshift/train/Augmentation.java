package org.regshift.train;

import java.util.Collection;
import java.util.Random;
import org.regshift.motif.Bases;

/**
 * Training-time augmentation: each sequence of a batch is reverse-complemented with probability
 * 1/2, and/or shifted by a uniform offset of up to {@value #MAX_SHIFT} bases either way (the gap
 * filled with N, the far end dropped), drawn from the training seed.
 */
public record Augmentation(boolean reverseComplement, boolean shift) {
    static final int MAX_SHIFT = 3;

    /** One kind of augmentation, as the command line names it. */
    public enum Kind {
        NONE, RC, SHIFT;

        @Override
        public String toString() {
            return name().toLowerCase();
        }
    }

    /** The augmentation that does every one of {@code kinds}. */
    public static Augmentation of(java.util.Collection<Kind> kinds) {
        return new Augmentation(kinds.contains(Kind.RC), kinds.contains(Kind.SHIFT));
    }

    public String label() {
        return reverseComplement && shift ? "rc,shift" : reverseComplement ? "rc" : shift ? "shift" : "none";
    }

    String apply(String sequence, Random random) {
        String s = reverseComplement && random.nextBoolean() ? Bases.reverseComplement(sequence) : sequence;
        if (!shift) {
            return s;
        }
        int offset = random.nextInt(2 * MAX_SHIFT + 1) - MAX_SHIFT;
        if (offset == 0 || Math.abs(offset) >= s.length()) {
            return s;
        }
        String gap = "N".repeat(Math.abs(offset));
        return offset > 0 ? gap + s.substring(0, s.length() - offset) : s.substring(-offset) + gap;
    }
}
