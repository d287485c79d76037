package org.regshift.prepare;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regshift.testing.Cli;

/** The joint-library sample (test-data/agarwal2025) as an activity table with folds as splits and two shifted cell types. */
class PrepareCommandTest {
    private static final Path SAMPLE = Cli.TEST_DATA.resolve("agarwal2025/joint_library_sample.tsv.gz");

    @TempDir
    Path dir;

    private static Object[] folds(Object... more) {
        List<Object> args = new java.util.ArrayList<>(List.of("--data", SAMPLE, "--target-column", "hepg2", "--split-column", "fold",
                "--train-splits", "1-8", "--valid-splits", "9"));
        args.addAll(List.of(more));
        return args.toArray();
    }

    @Test
    void foldsBecomeSplitsTheTargetBecomesActivityAndEachShiftColumnATruthTable() throws IOException {
        Path out = Cli.succeed("prepare", dir.resolve("out"), folds("--test-splits", "10", "--shift-columns", "k562,wtc11"));
        List<Map<String, String>> input = Cli.table(SAMPLE);
        List<Map<String, String>> activity = Cli.table(out.resolve("activity.tsv"));
        assertThat(activity).hasSize(input.size());
        assertThat(activity.get(0).keySet()).containsExactly("id", "sequence", "activity", "gc", "split", "k562", "wtc11", "design_library");
        Map<String, String> expectedSplit = Map.of("9", "valid", "10", "test");
        for (int i = 0; i < input.size(); i++) {
            assertThat(activity.get(i).get("id")).isEqualTo(input.get(i).get("id"));
            assertThat(activity.get(i).get("sequence")).isEqualTo(input.get(i).get("sequence"));
            assertThat(Cli.number(activity.get(i), "activity")).isEqualTo(Cli.number(input.get(i), "hepg2"));
            assertThat(activity.get(i).get("split")).isEqualTo(expectedSplit.getOrDefault(input.get(i).get("fold"), "train"));
        }
        Map<String, Long> folds = input.stream().collect(Collectors.groupingBy(r -> r.get("fold"), Collectors.counting()));
        Map<String, Long> splits = activity.stream().collect(Collectors.groupingBy(r -> r.get("split"), Collectors.counting()));
        assertThat(splits).containsEntry("valid", folds.get("9")).containsEntry("test", folds.get("10"))
                .containsEntry("train", input.size() - folds.get("9") - folds.get("10"));
        String first = activity.get(0).get("sequence");
        assertThat(Cli.number(activity.get(0), "gc")).isCloseTo(first.chars().filter(b -> b == 'G' || b == 'C').count()
                / (double) first.length(), org.assertj.core.data.Offset.offset(1e-6));
        for (String shift : List.of("k562", "wtc11")) {
            List<Map<String, String>> truth = Cli.table(out.resolve("shift_" + shift + ".tsv"));
            Map<String, String> byId = input.stream().collect(Collectors.toMap(r -> r.get("id"), r -> r.get(shift)));
            assertThat(truth).hasSize(input.size());
            truth.forEach(r -> assertThat(Double.parseDouble(r.get("y"))).isEqualTo(Double.parseDouble(byId.get(r.get("id")))));
        }
    }

    @Test
    void aFoldInNoListAMissingColumnAndOverlappingListsFailWithOneLineAndWriteNothing() throws IOException {
        Function<Object[], Cli.Result> run = args -> {
            Object[] all = java.util.stream.Stream.concat(java.util.stream.Stream.of("prepare", "--out", dir.resolve("bad")),
                    java.util.Arrays.stream(args)).toArray();
            return Cli.run(all);
        };
        Cli.assertFailsCleanly(run.apply(folds()), 3, "'10' in column 'fold' is in no split list");
        Cli.assertFailsCleanly(run.apply(folds("--test-splits", "10", "--shift-columns", "hela")), 3,
                "no shift column 'hela' (--shift-columns; other columns: ");
        Cli.assertFailsCleanly(run.apply(new Object[] {"--data", SAMPLE, "--target-column", "liver"}), 3,
                "no target column 'liver' (name it with --target-column; columns: ");
        Cli.assertFailsCleanly(run.apply(folds("--test-splits", "8-10")), 2, "split value '8' is in the train and the test lists");
        Cli.assertFailsCleanly(run.apply(new Object[] {"--data", SAMPLE, "--target-column", "hepg2", "--split-column", "design_library"}),
                3, "'WTC11' in column 'design_library' is not a split name");
        Path badSequence = Files.writeString(dir.resolve("bad_sequence.tsv"),
                "id\tsequence\thepg2\tk562\na\tACGT\t0.5\t0.1\nb\tACXT\t0.2\t0.3\n");
        Cli.assertFailsCleanly(run.apply(new Object[] {"--data", badSequence, "--target-column", "hepg2"}), 3,
                "bad_sequence.tsv line 3: sequence of 'b'");
        Path badShift = Files.writeString(dir.resolve("bad_shift.tsv"), "id\tsequence\thepg2\tk562\na\tACGT\t0.5\tNA\n");
        Cli.assertFailsCleanly(run.apply(new Object[] {"--data", badShift, "--target-column", "hepg2", "--shift-columns", "k562"}),
                3, "bad_shift.tsv line 2: 'NA' in column 'k562' is not a finite number");
        assertThat(Files.exists(dir.resolve("bad"))).isFalse();
    }
}
