package org.regshift.train;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regshift.model.PriorFeatures;
import org.regshift.model.net.CnnReference;
import org.regshift.model.net.Loss;
import org.regshift.provenance.Provenance;
import org.regshift.seq.SequenceTable;

/** {@link TrainService}: what the members of an ensemble share. */
class TrainServiceTest {
    @TempDir
    Path tmp;

    /**
     * Members on twin threads of their own each left libnd4j workspaces behind on their threads, so
     * an ensemble's memory grew from member to member.
     */
    @Test
    void theMembersOfAnEnsembleTrainOnTheSameTwinThreads() throws IOException {
        Path table = tmp.resolve("activity.tsv");
        Random random = new Random(1);
        List<String> rows = new ArrayList<>(List.of("id\tsequence\tactivity\tsplit"));
        for (int i = 0; i < 120; i++) {
            StringBuilder seq = new StringBuilder();
            for (int j = 0; j < 40; j++) {
                seq.append("ACGT".charAt(random.nextInt(4)));
            }
            rows.add("s" + i + "\t" + seq + "\t" + random.nextGaussian() + "\t" + (i < 90 ? "train" : "valid"));
        }
        Files.write(table, rows);
        CnnReference arch = new CnnReference();
        Recipe recipe = Recipe.of(arch);
        Trainer.Settings settings = new Trainer.Settings(arch, Loss.GAUSSIAN_NLL, 1, 1, 30, recipe.optimizer(),
                recipe.augmentation(), null);
        TrainRequest request = new TrainRequest(table, new SequenceTable.Columns("id", "sequence", "activity", "split"),
                settings, PriorFeatures.Kind.NONE, List.of(), 3, null, null, 7, 2, tmp.resolve("model"));
        Set<Thread> before = twinThreads();
        Set<Thread> seen = new HashSet<>();
        TrainService.run(request, new Provenance("train", List.of("regshift", "train"), Map.of()), rowsSeen -> seen.addAll(twinThreads()));
        seen.removeAll(before);
        assertThat(seen).as("twin threads over 3 members").hasSize(2);
        assertThat(tmp.resolve("model/member_2.zip")).exists();
    }

    private static Set<Thread> twinThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("regshift-twin"))
                .collect(Collectors.toSet());
    }
}
