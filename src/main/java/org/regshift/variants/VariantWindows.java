package org.regshift.variants;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.regshift.seq.IndexedFasta;

/**
 * The model's input window around a variant, for the reference and for an alternative allele. The
 * window holds {@code length} bases; the first base of REF sits at offset {@code length / 2}.
 * The alternative window keeps the same left flank, puts ALT in place of REF and fills the rest
 * from the reference after REF: a deletion pulls bases in from the right, an insertion pushes them
 * out, so both windows keep the model's length and the variant's position. Bases beyond the ends
 * of the contig read as N; with {@code inside}, a window that would cross an end of a contig at least
 * as long as the window is shifted back inside it instead, and the variant sits off-centre (for a
 * reference that holds only the measured elements).
 */
final class VariantWindows {
    private final IndexedFasta reference;
    private final int length;
    private final boolean inside;
    private final Map<String, Optional<String>> contigs = new HashMap<>();

    /** A site's windows. */
    record Pair(String ref, String alt) {
    }

    VariantWindows(IndexedFasta reference, int length, boolean inside) {
        this.reference = reference;
        this.length = length;
        this.inside = inside;
    }

    /** The reference's name for a VCF contig: the same, or with a leading "chr" added or removed (chrM and MT too). */
    Optional<String> contig(String vcfContig) {
        return contigs.computeIfAbsent(vcfContig, c -> {
            for (String name : aliases(c)) {
                if (reference.length(name) >= 0) {
                    return Optional.of(name);
                }
            }
            return Optional.empty();
        });
    }

    private static String[] aliases(String contig) {
        if (contig.equals("chrM") || contig.equals("MT")) {
            return new String[] {contig, contig.equals("MT") ? "chrM" : "MT"};
        }
        return new String[] {contig, contig.startsWith("chr") ? contig.substring(3) : "chr" + contig};
    }

    /** Why REF cannot be scored at this place, or null when it matches the reference there. */
    String refMismatch(String contig, long pos, String ref) {
        long size = reference.length(contig);
        if (pos < 1 || pos + ref.length() - 1 > size) {
            return "REF " + ref + " at " + pos + " is outside " + contig + " (1-" + size + ")";
        }
        String bases = reference.fetch(contig, pos, pos + ref.length() - 1);
        return bases.equalsIgnoreCase(ref) ? null : "REF " + ref + " does not match the reference's " + bases + " at " + contig + ":" + pos;
    }

    /** The windows for one allele; REF must match (see {@link #refMismatch}). */
    Pair windows(String contig, long pos, String ref, String alt) {
        long start = pos - length / 2;
        long size = reference.length(contig);
        if (inside && size >= length) {
            start = Math.max(1, Math.min(start, size - length + 1));
        }
        int offset = (int) (pos - start);
        String span = reference.window(contig, start, length + ref.length());
        String refWindow = span.substring(0, length);
        StringBuilder altWindow = new StringBuilder(length).append(span, 0, offset).append(alt.toUpperCase());
        int right = offset + ref.length();
        altWindow.append(span, right, Math.max(right, right + length - altWindow.length()));
        altWindow.setLength(length);
        return new Pair(refWindow, altWindow.toString());
    }
}
