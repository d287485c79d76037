package org.regshift.variants;

import java.nio.file.Path;
import java.util.List;
import htsjdk.variant.variantcontext.VariantContext;
import htsjdk.variant.vcf.VCFHeader;
import htsjdk.variant.vcf.VCFHeaderLineCount;
import htsjdk.variant.vcf.VCFInfoHeaderLine;
import org.regshift.io.UsageException;

/**
 * A measured effect read from an INFO field. A Number=A field gives each allele its own value; any
 * other gives every allele the mean of its values (several experiments that measured the same
 * variant, as in Kircher et al. 2019). Missing values ('.') are left out; no value at all, or a
 * measured 0, leaves the allele unlabelled (NaN).
 */
final class MeasuredEffect {
    private final String key;
    private final boolean perAllele;

    MeasuredEffect(String key, VCFHeader header, java.nio.file.Path vcf) {
        VCFInfoHeaderLine line = header.getInfoHeaderLine(key);
        if (line == null) {
            throw new UsageException("--truth-info " + key + ": " + vcf + " declares no INFO field " + key);
        }
        this.key = key;
        this.perAllele = line.getCountType() == VCFHeaderLineCount.A;
    }

    /** The measured effect of allele {@code alt} (1-based); NaN when unlabelled. */
    double of(VariantContext record, int alt, VcfReader vcf) {
        Object value = record.getAttribute(key);
        List<?> values = value == null ? List.of() : value instanceof List<?> l ? l : List.of(value);
        if (perAllele) {
            values = values.size() == record.getNAlleles() - 1 ? List.of(values.get(alt - 1)) : List.of();
        }
        double sum = 0;
        int n = 0;
        for (Object v : values) {
            String text = v.toString().strip();
            if (text.equals(".") || text.isEmpty()) {
                continue;
            }
            try {
                sum += Double.parseDouble(text);
                n++;
            } catch (NumberFormatException e) {
                throw vcf.error("INFO " + key + " value '" + text + "' is not a number");
            }
        }
        double mean = n == 0 ? Double.NaN : sum / n;
        return mean == 0 || !Double.isFinite(mean) ? Double.NaN : mean;
    }
}
