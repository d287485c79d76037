package org.regshift.variants;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;
import htsjdk.variant.variantcontext.Allele;
import htsjdk.variant.variantcontext.VariantContext;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.regshift.io.AtomicOutputDir;
import org.regshift.io.Json;
import org.regshift.io.TsvWriter;
import org.regshift.model.ModelBundle;
import org.regshift.model.Predictor;
import org.regshift.provenance.Provenance;
import org.regshift.seq.IndexedFasta;

/**
 * Scores every allele of a VCF with every member of a bundle: the windows around the reference
 * and the alternative allele (see {@link VariantWindows}), each member's effect, and how far the
 * members agree on its sign. Streams the VCF in batches; writes variants.tsv, variants.vcf.gz,
 * summary.json and effects.png/svg.
 */
public final class ScoreVariantsService {
    private static final Pattern BASES = Pattern.compile("[ACGTNacgtn]+");

    /**
     * What to score, and how. {@code truthInfo} may be null; {@code skipMismatches} skips (and counts)
     * REF mismatches and unknown contigs; {@code windowsInside} keeps windows inside their contig.
     */
    public record Request(Path model, Path vcf, Path reference, Path out, String truthInfo, boolean skipMismatches,
                          boolean windowsInside, Boolean reverseComplementAverage, int batchSize, int threads) {
    }

    /** Why an allele was not scored, as summary.json counts it. */
    private enum Skip {
        SYMBOLIC_OR_STRUCTURAL, NO_ALT, MISSING_CONTIG, REF_MISMATCH
    }

    /** summary.json: what was read, scored and skipped, then the effects overall and per contig. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Summary(String model, int members, Window window, long records, int allelesScored, Map<String, Long> skipped,
                   String truthInfo, @JsonUnwrapped EffectSummary.Description effects,
                   Map<String, EffectSummary.Description> perContig) {
    }

    /** The window each allele is predicted in. */
    record Window(int length, String placement) {
    }

    /** An allele waiting in a batch. */
    private record Pending(VariantContext record, int alt, String contig, double measured) {
    }

    private ScoreVariantsService() {
    }

    /** Scores every allele and writes the effects; returns how many alleles were scored. */
    public static long run(Request request, Provenance provenance, LongConsumer progress) {
        ModelBundle bundle = ModelBundle.load(request.model());
        try (Predictor predictor = new Predictor(bundle, bundle.averagesStrands(request.reverseComplementAverage()), request.threads())) {
            Map<Skip, Long> skipped = new LinkedHashMap<>();
            for (Skip s : Skip.values()) {
                skipped.put(s, 0L);
            }
            EffectSummary summary = new EffectSummary();
            long records = 0;
            try (IndexedFasta reference = new IndexedFasta(request.reference());
                 VcfReader vcf = new VcfReader(request.vcf());
                 AtomicOutputDir out = new AtomicOutputDir(request.out())) {
                MeasuredEffect truth = request.truthInfo() == null ? null
                        : new MeasuredEffect(request.truthInfo(), vcf.header(), request.vcf());
                VariantWindows windows = new VariantWindows(reference, bundle.length(), request.windowsInside());
                EffectBatch<Pending> batch = new EffectBatch<>(predictor, request.batchSize());
                try (TsvWriter tsv = new TsvWriter(out.file("variants.tsv"), header(predictor.size(), truth != null));
                     AnnotatedVcf annotated = new AnnotatedVcf(out.file("variants.vcf.gz"), vcf.header(), truth != null)) {
                    Output output = new Output(tsv, annotated, summary, truth != null);
                    long scored = 0;
                    for (VariantContext next = vcf.next(); next != null; next = vcf.next()) {
                        VariantContext record = next;
                        records++;
                        Optional<String> contig = windows.contig(record.getContig());
                        String mismatch = contig.map(c -> windows.refMismatch(c, record.getStart(),
                                record.getReference().getBaseString())).orElse(null);
                        for (int alt = 1; alt < record.getNAlleles(); alt++) {
                            Allele allele = record.getAlternateAllele(alt - 1);
                            Skip skip = skipOf(allele, contig.isPresent(), mismatch);
                            if (skip == Skip.MISSING_CONTIG || skip == Skip.REF_MISMATCH) {
                                if (!request.skipMismatches()) {
                                    throw vcf.error(skip == Skip.REF_MISMATCH ? mismatch
                                            : "contig " + record.getContig() + " is not in " + request.reference()
                                            + " (with or without 'chr'); use --on-ref-mismatch skip to skip such records");
                                }
                            }
                            if (skip != null) {
                                skipped.merge(skip, 1L, Long::sum);
                                continue;
                            }
                            VariantWindows.Pair pair = windows.windows(contig.get(), record.getStart(),
                                    record.getReference().getBaseString(), allele.getBaseString());
                            double measured = truth == null ? Double.NaN : truth.of(record, alt, vcf);
                            batch.add(new Pending(record, alt, record.getContig(), measured), pair.ref(), pair.alt());
                            if (batch.full()) {
                                scored += output.write(batch.score());
                                progress.accept(scored);
                            }
                        }
                        if (record.getNAlleles() == 1) {
                            skipped.merge(Skip.NO_ALT, 1L, Long::sum);
                        }
                    }
                    scored += output.write(batch.score());
                    progress.accept(scored);
                }
                EffectSummary.Columns columns = summary.columns();
                Map<String, Long> skips = new LinkedHashMap<>();
                skipped.forEach((k, v) -> skips.put(k.name().toLowerCase(Locale.ROOT), v));
                Summary report = new Summary(request.model().toString(), predictor.size(),
                        new Window(bundle.length(), request.windowsInside() ? "inside the contig" : "centred"), records,
                        columns.effect().length, skips, request.truthInfo(), EffectSummary.describe(columns),
                        summary.perGroup(columns));
                Json.write(out.file("summary.json"), report);
                EffectPlot.save(columns, truth != null, out.staging(), "effects");
                provenance.write(out.file(AtomicOutputDir.PROVENANCE));
                out.commit();
                return columns.effect().length;
            }
        }
    }

    private static Skip skipOf(Allele allele, boolean contigKnown, String mismatch) {
        if (allele.isSymbolic() || allele.isBreakpoint() || allele.isSingleBreakend() || allele.isNoCall()
                || allele.equals(Allele.SPAN_DEL) || !BASES.matcher(allele.getBaseString()).matches()) {
            return Skip.SYMBOLIC_OR_STRUCTURAL;
        }
        if (!contigKnown) {
            return Skip.MISSING_CONTIG;
        }
        return mismatch == null ? null : Skip.REF_MISMATCH;
    }

    private static List<String> header(int members, boolean measured) {
        List<String> header = new ArrayList<>(List.of("chrom", "pos", "id", "ref", "alt", "ref_mean", "alt_mean", "effect",
                "effect_sd", "ref_var_aleatoric", "alt_var_aleatoric", "sign_agreement", "consistent"));
        if (measured) {
            header.addAll(List.of("measured", "label_agreement", "category"));
        }
        for (int k = 1; k <= members; k++) {
            header.add("effect_" + k);
        }
        return header;
    }

    /** Where scored alleles go: both tables and the summary. */
    private record Output(TsvWriter tsv, AnnotatedVcf vcf, EffectSummary summary, boolean measured) {
        int write(List<EffectBatch.Scored<Pending>> scored) {
            for (EffectBatch.Scored<Pending> s : scored) {
                Pending p = s.source();
                AlleleEffect e = s.effect();
                Agreement category = Double.isNaN(p.measured()) ? null : e.agreement(p.measured());
                VariantContext r = p.record();
                List<Object> row = new ArrayList<>(List.of(r.getContig(), r.getStart(), r.getID(),
                        r.getReference().getBaseString(), r.getAlternateAllele(p.alt() - 1).getBaseString(), e.refMean(),
                        e.altMean(), e.meanEffect(), e.effectSd(), e.refVarAleatoric(), e.altVarAleatoric(),
                        e.signAgreement(), e.consistent() ? 1 : 0));
                if (measured) {
                    row.add(p.measured());
                    row.add(category == null ? null : e.labelAgreement(p.measured()));
                    row.add(category == null ? null : category.label());
                }
                for (int k = 0; k < e.members(); k++) {
                    row.add(e.effect(k));
                }
                tsv.row(row);
                vcf.write(r, p.alt(), e, p.measured(), category);
                summary.add(p.contig(), e, p.measured(), category);
            }
            return scored.size();
        }
    }
}
