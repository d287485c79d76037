package org.regshift.variants;

import java.nio.file.Path;
import org.regshift.cli.Progress;
import org.regshift.cli.StepCommand;
import org.regshift.cli.StrandAveragingOption;
import org.regshift.cli.ThreadsOption;
import org.regshift.provenance.Provenance;
import picocli.CommandLine.ArgGroup;
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

    @ArgGroup(exclusive = true, multiplicity = "1")
    Test test;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Mixin
    StrandAveragingOption strands;

    @Option(names = "--batch-size", defaultValue = "1024", paramLabel = "N", description = "Distinct windows per batch.")
    int batchSize;

    @Mixin
    ThreadsOption threads;

    /** What to score: the variants of a VCF, or a motif inserted into background sequences. */
    static final class Test {
        @ArgGroup(exclusive = false, heading = "Variants%n")
        Variants variants;

        @ArgGroup(exclusive = false, heading = "Motif insertion%n")
        MotifInsertion motif;
    }

    /** The options of variant scoring. */
    static final class Variants {
        @Option(names = "--vcf", required = true, paramLabel = "FILE", description = "Variants: VCF, plain, gzip or bgzip; sorted or not.")
        Path vcf;

        @Option(names = "--reference", required = true, paramLabel = "FASTA",
                description = "Reference FASTA: plain (indexed on the fly when its .fai is missing) or bgzip with .fai and .gzi.")
        Path reference;

        @Option(names = "--truth-info", paramLabel = "KEY",
                description = "INFO field holding a measured effect (Number=A: per allele; otherwise the mean of its values).")
        String truthInfo;

        @Option(names = "--on-ref-mismatch", defaultValue = "error", paramLabel = "ACTION",
                description = "${COMPLETION-CANDIDATES}: what to do with a REF that disagrees with the reference or a contig it lacks.")
        OnMismatch onRefMismatch = OnMismatch.ERROR;

        @Option(names = "--window", defaultValue = "centre", paramLabel = "PLACEMENT",
                description = "${COMPLETION-CANDIDATES}. centre: REF at the window's centre, N beyond a contig's ends; inside: "
                    + "shift a window that would cross an end back inside the contig (for references that hold only the "
                    + "measured elements).")
        Placement window = Placement.CENTRE;
    }

    /** The options of the motif insertion test. */
    static final class MotifInsertion {
        @Option(names = "--insert-motif", required = true, paramLabel = "ID",
                description = "Motif test: the motif (ID or name in --motifs) to insert.")
        String insertMotif;

        @Option(names = "--motifs", required = true, paramLabel = "FILE", description = "Motif test: JASPAR or MEME motif file.")
        Path motifs;

        @Option(names = "--background", required = true, paramLabel = "FASTA", description = "Motif test: background sequences.")
        Path background;
    }

    /** What to do with a REF that disagrees with the reference. */
    enum OnMismatch {
        ERROR, SKIP;

        @Override
        public String toString() {
            return name().toLowerCase();
        }
    }

    /** Where a variant's window sits. */
    enum Placement {
        CENTRE, INSIDE;

        @Override
        public String toString() {
            return name().toLowerCase();
        }
    }

    @Override
    protected void checkOptions() {
        if (batchSize < 1) {
            throw usage("--batch-size must be at least 1");
        }
    }

    @Override
    protected String progressUnit() {
        return test.variants != null ? "alleles" : "sequences";
    }

    @Override
    protected String run(Provenance provenance, Progress progress) {
        inputModel(provenance, model);
        long effects;
        if (test.variants != null) {
            Variants v = test.variants;
            provenance.input("vcf", v.vcf);
            provenance.input("reference", v.reference);
            effects = ScoreVariantsService.run(new ScoreVariantsService.Request(model, v.vcf, v.reference, out, v.truthInfo,
                    v.onRefMismatch == OnMismatch.SKIP, v.window == Placement.INSIDE, strands.choice(), batchSize, threads.resolve()),
                    provenance, progress);
        } else {
            MotifInsertion m = test.motif;
            provenance.input("motifs", m.motifs);
            provenance.input("background", m.background);
            effects = MotifInsertionService.run(new MotifInsertionService.Request(model, m.motifs, m.insertMotif, m.background,
                    out, strands.choice(), batchSize, threads.resolve()), provenance, progress);
        }
        return effects + " effects written to " + out;
    }
}
