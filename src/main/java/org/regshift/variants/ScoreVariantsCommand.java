package org.regshift.variants;
import org.regshift.cli.Progress;
import org.regshift.cli.StepCommand;
import org.regshift.cli.ThreadsOption;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code regshift score-variants}: variant effects per ensemble member, and how far the members agree. */
@Command(name = "score-variants", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = {
            "Score every allele of a VCF with every member of a model bundle. The window is the model's input length "
                + "with the first base of REF at its centre (offset length/2); the alternative window keeps the left flank, "
                + "puts ALT in place of REF and fills the rest from the reference after REF (a deletion pulls bases in "
                + "from the right, an insertion pushes them out); bases beyond a contig's ends read as N. Multi-allelic "
                + "records are split per allele; symbolic and structural alleles (<DEL>, breakends, *) are skipped and "
                + "counted. Contigs match with or without 'chr'. With --window inside, a window that would cross a contig's end "
                + "is shifted back inside it (the variant then sits off-centre).",
            "Output (--out DIR): variants.tsv (ref and alt means, effect = alt - ref averaged over members, its SD across "
                + "members, the aleatoric variances, sign_agreement = max(#positive, M - #positive)/M, consistent = all "
                + "members agree, each member's effect; with --truth-info the measured effect, label_agreement and "
                + "Bajwa et al. 2024's category), the same as a sites-only variants.vcf.gz (RS_* INFO fields), "
                + "summary.json (overall and per contig) and effects.png/svg.",
            "With --insert-motif ID --motifs FILE --background FASTA instead of --vcf/--reference: the motif's consensus "
                + "is written over the centre of each background sequence, and each member's effect and the members' "
                + "agreement are reported (motif_effects.tsv, summary.json)."
        })
public final class ScoreVariantsCommand extends StepCommand {
    @Option(names = "--model", required = true, paramLabel = "BUNDLE", description = "Model bundle directory (from train), or a .zip of one.")
    Path model;

    @Option(names = "--vcf", paramLabel = "FILE", description = "Variants: VCF, plain, gzip or bgzip; sorted or not.")
    Path vcf;

    @Option(names = "--reference", paramLabel = "FASTA",
            description = "Reference FASTA: plain (indexed on the fly when its .fai is missing) or bgzip with .fai and .gzi.")
    Path reference;

    @Option(names = "--truth-info", paramLabel = "KEY",
            description = "INFO field holding a measured effect (Number=A: per allele; otherwise the mean of its values).")
    String truthInfo;

    @Option(names = "--on-ref-mismatch", defaultValue = "error", paramLabel = "ACTION",
            description = "error or skip: what to do with a REF that disagrees with the reference or a contig it lacks.")
    String onRefMismatch;

    @Option(names = "--window", defaultValue = "centre", paramLabel = "PLACEMENT",
            description = "centre: REF at the window's centre, N beyond a contig's ends; inside: shift a window that would "
                + "cross an end back inside the contig (for references that hold only the measured elements).")
    String window;

    @Option(names = "--insert-motif", paramLabel = "ID", description = "Motif test: the motif (ID or name in --motifs) to insert.")
    String insertMotif;

    @Option(names = "--motifs", paramLabel = "FILE", description = "Motif test: JASPAR or MEME motif file.")
    Path motifs;

    @Option(names = "--background", paramLabel = "FASTA", description = "Motif test: background sequences.")
    Path background;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--rc-average", description = "Average each member's predictions on both strands.")
    boolean rcAverage;

    @Option(names = "--batch-size", defaultValue = "1024", paramLabel = "N", description = "Distinct windows per batch.")
    int batchSize;

    @Mixin
    ThreadsOption threads;

    @Override
    public Integer call() {
        if (batchSize < 1) {
            throw usage("--batch-size must be at least 1");
        }
        boolean variants = vcf != null || reference != null;
        boolean motifTest = insertMotif != null || motifs != null || background != null;
        if (variants == motifTest) {
            throw usage("give either --vcf and --reference, or --insert-motif, --motifs and --background");
        }
        var provenance = provenance();
        inputModel(provenance, model);
        Map<String, Object> report;
        try (Progress progress = new Progress("score-variants", variants ? "alleles" : "sequences")) {
            if (variants) {
                report = scoreVcf(provenance, progress);
            } else {
                if (insertMotif == null || motifs == null || background == null) {
                    throw usage("the motif test needs --insert-motif, --motifs and --background");
                }
                provenance.input("motifs", motifs);
                provenance.input("background", background);
                report = MotifInsertionService.run(new MotifInsertionService.Request(model, motifs, insertMotif, background, out,
                        rcAverage, batchSize, threads.resolve()), provenance, progress);
            }
            progress.finish();
        }
        spec.commandLine().getErr().println("score-variants: " + report.getOrDefault("alleles_scored", report.get("sequences"))
                + " effects written to " + out);
        return 0;
    }

    private Map<String, Object> scoreVcf(org.regshift.provenance.Provenance provenance, Progress progress) {
        if (vcf == null || reference == null) {
            throw usage("scoring variants needs both --vcf and --reference");
        }
        if (!onRefMismatch.equals("error") && !onRefMismatch.equals("skip")) {
            throw usage("--on-ref-mismatch must be error or skip, not '" + onRefMismatch + "'");
        }
        if (!window.equals("centre") && !window.equals("inside")) {
            throw usage("--window must be centre or inside, not '" + window + "'");
        }
        provenance.input("vcf", vcf);
        provenance.input("reference", reference);
        return ScoreVariantsService.run(new ScoreVariantsService.Request(model, vcf, reference, out, truthInfo,
                onRefMismatch.equals("skip"), window.equals("inside"), rcAverage, batchSize, threads.resolve()), provenance, progress);
    }
}
