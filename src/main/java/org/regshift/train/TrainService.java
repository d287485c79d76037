package org.regshift.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.regshift.io.AtomicOutputDir;
import org.regshift.io.Json;
import org.regshift.model.ModelBundle;
import org.regshift.model.OodReference;
import org.regshift.model.PriorFeatures;
import org.regshift.model.lean.Engine;
import org.regshift.model.lean.NdRuntime;
import org.regshift.model.lean.TwinThreads;
import org.regshift.motif.MotifReader;
import org.regshift.provenance.Provenance;

/** Trains a model (one network, or an ensemble with seeds seed + i) and writes its bundle. */
public final class TrainService {
    private TrainService() {
    }

    public static ModelBundle run(TrainRequest request, Provenance provenance, LongConsumer progress) {
        TrainingData data = TrainingData.load(request.data(), request.columns(), request.seqLen(), request.seed());
        PriorFeatures priors = PriorFeatures.fit(request.priors(), request.motifs(), data.trainSequences());
        OodReference ood = OodReference.fit(data.trainSequences(), request.motifs().isEmpty() ? MotifReader.defaults() : request.motifs());
        Trainer.Settings settings = request.settings();
        try (AtomicOutputDir out = new AtomicOutputDir(request.out()); TwinThreads threads = new TwinThreads(request.threads())) {
            List<ModelBundle.Member> members = new ArrayList<>();
            Engine.Choice engine = null;
            int first = request.member() == null ? 0 : request.member();
            int last = request.member() == null ? request.ensemble() - 1 : request.member();
            for (int i = first; i <= last; i++) {
                long seed = request.seed() + i;
                Trainer.Result r = Trainer.train(settings, data, priors, seed, threads,
                        "member " + (i + 1) + "/" + request.ensemble(), progress);
                engine = r.engine();
                members.add(new ModelBundle.Member(r.network(), seed, r.epochsRun(), r.bestEpoch(), r.bestValidNll(),
                        r.bestValidPearson(), r.residualVariance()));
            }
            ModelBundle bundle = new ModelBundle(settings.architecture().name(), data.length(), data.targetMean(),
                    data.targetSd(), settings.loss(), priors, ood, Json.object("epochs", settings.epochs(),
                    "patience", settings.patience(), "batch_size", settings.batchSize(), "optimizer", settings.optimizer().name(),
                    "learning_rate", settings.optimizer().learningRate(), "schedule", settings.optimizer().schedule(),
                    "max_learning_rate", settings.optimizer().maxLearningRate(), "weight_decay", settings.optimizer().weightDecay(),
                    "augment", settings.augmentation().label(), "adversarial",
                    settings.adversarial() == null ? "none" : settings.adversarial().describe(), "engine", engine.engine().label(),
                    "threads", engine.threads(), "training_rows", data.trainSequences().size(),
                    "validation_rows", data.validSequences().size()), members);
            bundle.save(out.staging());
            provenance.put("nd4j", NdRuntime.describe());
            provenance.put("engine", engine.describe());
            provenance.put("training", bundle.summaries());
            provenance.write(out.file(AtomicOutputDir.PROVENANCE));
            out.commit();
            return bundle;
        }
    }
}
