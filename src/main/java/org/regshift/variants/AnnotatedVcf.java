package org.regshift.variants;

import java.io.Closeable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import htsjdk.variant.variantcontext.Allele;
import htsjdk.variant.variantcontext.VariantContext;
import htsjdk.variant.variantcontext.VariantContextBuilder;
import htsjdk.variant.variantcontext.writer.Options;
import htsjdk.variant.variantcontext.writer.VariantContextWriter;
import htsjdk.variant.variantcontext.writer.VariantContextWriterBuilder;
import htsjdk.variant.vcf.VCFHeader;
import htsjdk.variant.vcf.VCFHeaderLineCount;
import htsjdk.variant.vcf.VCFHeaderLineType;
import htsjdk.variant.vcf.VCFInfoHeaderLine;

/**
 * The scored alleles as a sites-only, bgzip VCF written by htsjdk: one biallelic record per scored
 * allele, in input order, with the input's INFO (per-allele fields cut to the allele) and the
 * scores as RS_* INFO fields declared in the header.
 */
final class AnnotatedVcf implements Closeable {
    private final VariantContextWriter writer;
    private final VCFHeader input;

    AnnotatedVcf(Path file, VCFHeader input, boolean measured) {
        this.input = input;
        VCFHeader header = new VCFHeader(input.getMetaDataInInputOrder(), List.of());
        info(header, "RS_REF_MEAN", VCFHeaderLineType.Float, "Ensemble mean prediction for the reference window");
        info(header, "RS_ALT_MEAN", VCFHeaderLineType.Float, "Ensemble mean prediction for the alternative window");
        info(header, "RS_EFFECT", VCFHeaderLineType.Float, "Predicted effect (alt - ref), mean over members");
        info(header, "RS_EFFECT_SD", VCFHeaderLineType.Float, "Standard deviation of the members' effects");
        info(header, "RS_SIGN_AGREEMENT", VCFHeaderLineType.Float, "max(#positive, M - #positive) / M over members");
        header.addMetaDataLine(new VCFInfoHeaderLine("RS_CONSISTENT", 0, VCFHeaderLineType.Flag,
                "Every member predicts the same sign of effect"));
        if (measured) {
            info(header, "RS_LABEL_AGREEMENT", VCFHeaderLineType.Float, "Fraction of members with the measured sign");
            info(header, "RS_CATEGORY", VCFHeaderLineType.String,
                    "consistently_correct, consistently_incorrect or inconsistent (Bajwa et al. 2024)");
        }
        writer = new VariantContextWriterBuilder().setOutputPath(file)
                .setOutputFileType(VariantContextWriterBuilder.OutputType.BLOCK_COMPRESSED_VCF)
                .unsetOption(Options.INDEX_ON_THE_FLY).setOption(Options.ALLOW_MISSING_FIELDS_IN_HEADER).build();
        writer.writeHeader(header);
    }

    private static void info(VCFHeader header, String id, VCFHeaderLineType type, String description) {
        header.addMetaDataLine(new VCFInfoHeaderLine(id, 1, type, description));
    }

    /** Writes allele {@code alt} (1-based) of a record with its scores. */
    void write(VariantContext record, int alt, AlleleEffect e, double measured, Agreement category) {
        Map<String, Object> info = new LinkedHashMap<>();
        record.getAttributes().forEach((key, value) -> info.put(key, forAllele(key, value, alt, record.getNAlleles() - 1)));
        info.put("RS_REF_MEAN", e.refMean());
        info.put("RS_ALT_MEAN", e.altMean());
        info.put("RS_EFFECT", e.meanEffect());
        info.put("RS_EFFECT_SD", e.effectSd());
        info.put("RS_SIGN_AGREEMENT", e.signAgreement());
        if (e.consistent()) {
            info.put("RS_CONSISTENT", true);
        }
        if (category != null) {
            info.put("RS_LABEL_AGREEMENT", e.labelAgreement(measured));
            info.put("RS_CATEGORY", category.label());
        }
        Allele ref = record.getReference();
        writer.add(new VariantContextBuilder(record).alleles(List.of(ref, record.getAlternateAllele(alt - 1)))
                .noGenotypes().attributes(info).make());
    }

    /** A Number=A or Number=R field cut to one allele; any other field as it is. */
    private Object forAllele(String key, Object value, int alt, int alts) {
        VCFInfoHeaderLine line = input.getInfoHeaderLine(key);
        if (alts == 1 || line == null || !(value instanceof List<?> list)) {
            return value;
        }
        if (line.getCountType() == VCFHeaderLineCount.A && list.size() == alts) {
            return list.get(alt - 1);
        }
        if (line.getCountType() == VCFHeaderLineCount.R && list.size() == alts + 1) {
            return new ArrayList<>(List.of(list.get(0), list.get(alt)));
        }
        return value;
    }

    @Override
    public void close() {
        writer.close();
    }
}
