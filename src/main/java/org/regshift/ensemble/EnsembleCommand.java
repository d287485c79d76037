package org.regshift.ensemble;
import org.regshift.cli.StepCommand;

import java.nio.file.Path;
import java.util.List;
import org.regshift.io.AtomicOutputDir;
import org.regshift.model.ModelBundle;
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
    public Integer call() {
        var provenance = provenance();
        for (int i = 0; i < members.size(); i++) {
            provenance.input("member_" + i, members.get(i).resolve(ModelBundle.MODEL_JSON));
        }
        int count;
        try (AtomicOutputDir dir = new AtomicOutputDir(out)) {
            count = ModelBundle.merge(members, dir.staging());
            provenance.write(dir.file(AtomicOutputDir.PROVENANCE));
            dir.commit();
        }
        spec.commandLine().getErr().println("ensemble: " + count + " members written to " + out);
        return 0;
    }
}
