package org.regshift.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nd4j.linalg.learning.config.Adam;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regshift.io.InputException;
import org.regshift.io.Json;
import org.regshift.model.net.CnnReference;
import org.regshift.model.net.Loss;
import org.regshift.model.net.Networks;
import org.regshift.motif.MotifReader;

/** A bundle saved and loaded again is the same model; a damaged model.json is refused naming what is wrong. */
class ModelBundleTest {
    private static final int LENGTH = 40;

    @TempDir
    Path tmp;

    private static List<String> sequences(int n, long seed) {
        Random random = new Random(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder s = new StringBuilder();
            for (int p = 0; p < LENGTH; p++) {
                s.append("ACGT".charAt(random.nextInt(4)));
            }
            out.add(s.toString());
        }
        return out;
    }

    private static ModelBundle bundle() {
        List<String> train = sequences(50, 1);
        PriorFeatures priors = PriorFeatures.fit(PriorFeatures.Kind.MOTIF_GC, MotifReader.defaults().subList(0, 3), train);
        List<ModelBundle.Member> members = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ComputationGraph net = Networks.create(new CnnReference(), LENGTH, priors.size(), Loss.BETA_NLL, new Adam(1e-3), 7 + i);
            members.add(new ModelBundle.Member(net, 7 + i, 5 + i, 3 + i, 0.9 + i, 0.4 + i / 10.0, Double.NaN));
        }
        return new ModelBundle("cnn-reference", LENGTH, 0.25, 1.5, Loss.BETA_NLL, priors,
                OodReference.fit(train, MotifReader.defaults()), Json.object("epochs", 5, "engine", "lean"), members);
    }

    private static JsonNode json(Object value) {
        return Json.mapper().valueToTree(value);
    }

    @Test
    void everyFieldAndEveryWeightSurvivesSaveAndLoad() {
        ModelBundle saved = bundle();
        saved.save(tmp);
        ModelBundle loaded = ModelBundle.load(tmp);
        assertThat(loaded.architecture()).isEqualTo("cnn-reference");
        assertThat(loaded.length()).isEqualTo(LENGTH);
        assertThat(loaded.targetMean()).isEqualTo(0.25);
        assertThat(loaded.targetSd()).isEqualTo(1.5);
        assertThat(loaded.loss()).isEqualTo(Loss.BETA_NLL);
        assertThat(json(loaded.priors().toJson())).isEqualTo(json(saved.priors().toJson()));
        assertThat(json(loaded.ood().toJson())).isEqualTo(json(saved.ood().toJson()));
        assertThat(loaded.hyperParameters()).isEqualTo(Map.of("epochs", 5, "engine", "lean"));
        assertThat(loaded.members()).hasSize(2);
        for (int i = 0; i < 2; i++) {
            ModelBundle.Member a = saved.members().get(i);
            ModelBundle.Member b = loaded.members().get(i);
            assertThat(b.seed()).isEqualTo(a.seed());
            assertThat(b.epochs()).isEqualTo(a.epochs());
            assertThat(b.bestEpoch()).isEqualTo(a.bestEpoch());
            assertThat(b.validNll()).isEqualTo(a.validNll());
            assertThat(b.validPearson()).isEqualTo(a.validPearson());
            assertThat(b.residualVariance()).isNaN();
            assertThat(b.network().params().equalsWithEps(a.network().params(), 0)).isTrue();
        }
        List<String> probe = sequences(5, 2);
        try (Predictor before = new Predictor(saved, false, 1); Predictor after = new Predictor(loaded, false, 1)) {
            assertThat(after.predict(probe)).containsExactly(before.predict(probe));
        }
    }

    @Test
    void aModelJsonWithoutARequiredFieldIsRefusedNamingIt() throws Exception {
        for (String field : List.of("architecture", "input_length", "target", "loss")) {
            Path dir = Files.createDirectories(tmp.resolve(field));
            bundle().save(dir);
            ObjectNode doc = (ObjectNode) Json.read(dir.resolve("model.json"));
            doc.remove(field);
            Json.write(dir.resolve("model.json"), doc);
            assertThatThrownBy(() -> ModelBundle.load(dir)).isInstanceOf(InputException.class)
                    .hasMessageContaining("model.json").hasMessageContaining(field);
        }
    }

    @Test
    void aBundleOfAnotherFormatVersionIsRefused() {
        bundle().save(tmp);
        JsonNode doc = Json.read(tmp.resolve("model.json"));
        ((ObjectNode) doc).put("format_version", 2);
        Json.write(tmp.resolve("model.json"), doc);
        assertThatThrownBy(() -> ModelBundle.load(tmp)).isInstanceOf(InputException.class)
                .hasMessageContaining("version 2; this RegShift reads regshift-model version 3");
    }
}
