package org.regshift.ensemble;

import java.nio.file.Path;
import java.util.List;
import org.regshift.cli.Progress;
import org.regshift.cli.StepCommand;
import org.regshift.provenance.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code regshift ensemble}: bundles trained as separate members, merged into one ensemble bundle. */
@Command(name = "ensemble", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = "Merge model bundles (e.g. one per 'train --member I' task) into one ensemble bundle; they must share "
            + "architecture, input length, target normalisation and loss. Predictions of the result are the members' "
            + "Gaussian mixture, as for 'train --ensemble M'.")
public final class EnsembleCommand extends StepCommand {
    @Option(names = "--members", required = true, arity = "1..*", paramLabel = "BUNDLE", description = "Bundles to merge, in order.")
    List<Path> members;

    @Option(names = "--out", required = true, paramLabel = "BUNDLE", description = "Ensemble bundle directory to write.")
    Path out;

    @Override
    protected String run(Provenance provenance, Progress progress) {
        EnsembleService.Result result = EnsembleService.run(new EnsembleService.Request(members, out), provenance);
        return result.members() + " members written to " + result.out();
    }
}
