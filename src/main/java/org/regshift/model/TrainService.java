package org.regshift.model;

import java.util.ArrayList;
import java.util.List;
import org.regshift.io.AtomicOutputDir;
import org.regshift.provenance.Provenance;

/** Trains a model (one network, or an ensemble with seeds seed + i) and writes its bundle. */
public final class TrainService {
    private TrainService() {
    }

    public static ModelBundle run(TrainRequest request, Provenance provenance) {
        TrainingData data = TrainingData.load(request.data(), request.columns(), request.seqLen(), request.seed());
        try (AtomicOutputDir out = new AtomicOutputDir(request.out())) {
            List<ModelBundle.Member> members = new ArrayList<>();
            int first = request.member() == null ? 0 : request.member();
            int last = request.member() == null ? request.ensemble() - 1 : request.member();
            for (int i = first; i <= last; i++) {
                long seed = request.seed() + i;
                Trainer.Result r = Trainer.train(request.architecture(), data, request.settings(), seed,
                        "member " + (i + 1) + "/" + request.ensemble());
                members.add(new ModelBundle.Member(r.network(), seed, r.epochsRun(), r.bestEpoch(), r.bestValidNll(),
                        r.bestValidPearson()));
            }
            ModelBundle bundle = new ModelBundle(request.architecture().name(), data.length(), data.targetMean(),
                    data.targetSd(), "gaussian-nll", members);
            bundle.save(out.staging());
            provenance.put("nd4j", NdRuntime.describe());
            provenance.put("training", bundle.summaries());
            provenance.write(out.file(AtomicOutputDir.PROVENANCE));
            out.commit();
            return bundle;
        }
    }
}
