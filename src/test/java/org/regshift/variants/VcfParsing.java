package org.regshift.variants;

import java.nio.file.Path;
import htsjdk.variant.variantcontext.VariantContext;

/** Reads a whole VCF through {@link VcfReader}, touching every record's alleles and INFO, for the fuzzer. */
public final class VcfParsing {
    private VcfParsing() {
    }

    public static void readAll(Path file) {
        try (VcfReader reader = new VcfReader(file)) {
            for (VariantContext v = reader.next(); v != null; v = reader.next()) {
                v.getAlleles().forEach(a -> a.getDisplayString());
                v.getAttributes().size();
            }
        }
    }
}
