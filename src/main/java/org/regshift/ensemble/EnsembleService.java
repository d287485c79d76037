package org.regshift.ensemble;

import java.nio.file.Path;
import java.util.List;
import org.regshift.io.AtomicOutputDir;
import org.regshift.model.ModelBundle;
import org.regshift.provenance.Provenance;

/** Merges model bundles trained as separate members into one ensemble bundle. */
public final class EnsembleService {
    /** The bundles to merge, in order, and the bundle directory to write. */
    public record Request(List<Path> members, Path out) {
    }

    /** What was written: how many members the ensemble holds. */
    public record Result(int members, Path out) {
    }

    private EnsembleService() {
    }

    public static Result run(Request request, Provenance provenance) {
        for (int i = 0; i < request.members().size(); i++) {
            provenance.input("member_" + i, request.members().get(i).resolve(ModelBundle.MODEL_JSON));
        }
        try (AtomicOutputDir dir = new AtomicOutputDir(request.out())) {
            int count = ModelBundle.merge(request.members(), dir.staging());
            provenance.write(dir.file(AtomicOutputDir.PROVENANCE));
            dir.commit();
            return new Result(count, request.out());
        }
    }
}
