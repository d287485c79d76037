package org.regshift.redundancy;

import java.nio.file.Path;
import org.regshift.cli.Progress;
import org.regshift.cli.StepCommand;
import org.regshift.cli.TableColumnOptions;
import org.regshift.cli.ThreadsOption;
import org.regshift.provenance.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code regshift redundancy}: which motif sites a model treats as redundant or synergistic. */
@Command(name = "redundancy", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = {
            "Find the motif sites of each sequence (PWM log-odds at least --site-threshold of the way from the motif's "
                + "worst to its best score, either strand, best non-overlapping sites first, at most --max-sites), remove "
                + "each site and, with --max-order 2, each pair of sites by a dinucleotide-preserving shuffle of its bases "
                + "(--draws shuffles, averaged), and measure the change of the ensemble's mean prediction.",
            "Per site pair: interaction = joint effect - (effect of a + effect of b); redundancy = interaction signed by "
                + "the joint effect: positive when removing both does more than the single removals add up to (redundant), "
                + "negative when less (synergy). Aggregated per motif pair and ranked by |mean interaction| over pairs of "
                + "distinct motifs seen in at least --min-site-pairs site pairs.",
            "Global view: a soft mask over motif types shared by all sequences, learned by gradient steps on a relaxed "
                + "Bernoulli sample with a top-K projection, finds for each budget k = 1..--budget the k motif types whose "
                + "removal most lowers the predictions; compared with exhaustive search when there are at most "
                + "--exhaustive-limit sets.",
            "With --truth (the simulator's scenario.json, or truth.tsv with scenario.json beside it): precision at k of "
                + "the ranking against the planted redundant and cooperative pairs.",
            "Output (--out DIR): redundancy.json, motif_pairs.tsv, motifs.tsv, sites.tsv.gz, pairs.tsv.gz, "
                + "motif_pairs.png/svg."
        })
public final class RedundancyCommand extends StepCommand {
    @Option(names = "--model", required = true, paramLabel = "BUNDLE", description = "Model bundle directory (from train), or a .zip of one.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Sequences: a table (TSV) or FASTA.")
    Path data;

    @Mixin
    TableColumnOptions columns;

    @Option(names = "--motifs", required = true, paramLabel = "FILE", description = "Motifs to scan for (JASPAR or MEME).")
    Path motifs;

    @Option(names = "--site-threshold", defaultValue = "0.85", paramLabel = "R",
            description = "Relative PWM score a site must reach, in (0, 1].")
    double siteThreshold;

    @Option(names = "--max-sites", defaultValue = "8", paramLabel = "N", description = "Sites per sequence, best first.")
    int maxSites;

    @Option(names = "--draws", defaultValue = "4", paramLabel = "N", description = "Shuffles per removed site.")
    int draws;

    @Option(names = "--max-order", defaultValue = "2", paramLabel = "N", description = "1: single sites; 2: and pairs.")
    int maxOrder;

    @Option(names = "--budget", defaultValue = "2", paramLabel = "K", description = "Largest motif set of the global mask; 0 skips it.")
    int budget;

    @Option(names = "--mask-sequences", defaultValue = "256", paramLabel = "N",
            description = "The first N sequences with sites, on which the global mask is learned and scored.")
    int maskSequences;

    @Option(names = "--mask-steps", defaultValue = "60", paramLabel = "N", description = "Gradient steps of the global mask.")
    int maskSteps;

    @Option(names = "--exhaustive-limit", defaultValue = "200", paramLabel = "N",
            description = "Exhaustive search over motif sets when there are at most N sets of a budget.")
    int exhaustiveLimit;

    @Option(names = "--min-site-pairs", defaultValue = "5", paramLabel = "N",
            description = "Site pairs a motif pair needs to be ranked.")
    int minSitePairs;

    @Option(names = "--max-distance", defaultValue = "0", paramLabel = "BP",
            description = "Aggregate only site pairs whose centres are at most BP apart (cooperativity is short-range); 0: all.")
    double maxDistance;

    @Option(names = "--truth", paramLabel = "FILE", description = "The simulator's scenario.json (or truth.tsv beside it).")
    Path truth;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the shuffles and the mask's noise.")
    long seed;

    @Option(names = "--batch-size", defaultValue = "1024", paramLabel = "N", description = "Sequences per forward pass.")
    int batchSize;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Mixin
    ThreadsOption threads;

    @Override
    protected void checkOptions() {
        if (!(siteThreshold > 0 && siteThreshold <= 1)) {
            throw usage("--site-threshold must be in (0, 1], not " + siteThreshold);
        }
        if (maxOrder < 1 || maxOrder > 2) {
            throw usage("--max-order must be 1 or 2, not " + maxOrder);
        }
        if (maxSites < 1 || draws < 1 || budget < 0 || maskSequences < 1 || maskSteps < 1 || exhaustiveLimit < 0
                || minSitePairs < 1 || batchSize < 1 || !(maxDistance >= 0)) {
            throw usage("--max-sites, --draws, --mask-sequences, --mask-steps, --min-site-pairs and --batch-size must be at "
                    + "least 1, --budget, --exhaustive-limit and --max-distance at least 0");
        }
    }

    @Override
    protected String run(Provenance provenance, Progress progress) {
        inputModel(provenance, model);
        provenance.input("data", data);
        provenance.input("motifs", motifs);
        if (truth != null) {
            provenance.input("truth", truth);
        }
        RedundancyService.Report report = RedundancyService.run(new RedundancyService.Request(model, data,
                columns.columnsKeepingSplit(), motifs, siteThreshold, maxSites, draws, maxOrder, budget, maskSequences, maskSteps,
                exhaustiveLimit, minSitePairs, maxDistance, truth, seed, batchSize, threads.resolve(), out), provenance, progress);
        return report.sites() + " sites in " + report.sequences() + " sequences; written to " + out;
    }
}
