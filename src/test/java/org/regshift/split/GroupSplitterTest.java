package org.regshift.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GroupSplitterTest {
    private static List<String> groups(int count, int size) {
        List<String> items = new ArrayList<>();
        for (int g = 0; g < count; g++) {
            for (int i = 0; i < size; i++) {
                items.add("g" + g);
            }
        }
        return items;
    }

    @Test
    void groupsStayWholeAndSizesFollowTheFractions() {
        List<String> items = groups(250, 9);
        String[] splits = new GroupSplitter(new double[] {0.7, 0.1, 0.1, 0.1}, 3).assign(items);
        Map<String, Set<String>> splitsOfGroup = new HashMap<>();
        Map<String, Integer> sizes = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            splitsOfGroup.computeIfAbsent(items.get(i), k -> new HashSet<>()).add(splits[i]);
            sizes.merge(splits[i], 1, Integer::sum);
        }
        assertThat(splitsOfGroup.values()).allSatisfy(s -> assertThat(s).hasSize(1));
        assertThat(sizes).containsEntry("train", 175 * 9).containsEntry("valid", 25 * 9)
                .containsEntry("calibration", 25 * 9).containsEntry("test", 25 * 9);
    }

    @Test
    void theSeedDecidesTheSplit() {
        List<String> items = groups(100, 1);
        GroupSplitter a = new GroupSplitter(new double[] {0.5, 0.5, 0, 0}, 1);
        assertThat(a.assign(items)).isEqualTo(new GroupSplitter(new double[] {0.5, 0.5, 0, 0}, 1).assign(items));
        assertThat(a.assign(items)).isNotEqualTo(new GroupSplitter(new double[] {0.5, 0.5, 0, 0}, 2).assign(items));
    }

    @Test
    void zeroFractionsGetNothing() {
        String[] splits = new GroupSplitter(new double[] {1, 0, 0, 0}, 1).assign(groups(10, 3));
        assertThat(splits).containsOnly("train");
    }

    @Test
    void fractionsAreChecked() {
        assertThat(GroupSplitter.parseFractions("0.8, 0.1,0.05,0.05")).containsExactly(0.8, 0.1, 0.05, 0.05);
        assertThatThrownBy(() -> GroupSplitter.parseFractions("0.8,0.2")).hasMessageContaining("expected 4");
        assertThatThrownBy(() -> GroupSplitter.parseFractions("0.8,0.2,x,0")).hasMessageContaining("'x'");
        assertThatThrownBy(() -> GroupSplitter.parseFractions("1.2,-0.2,0,0")).hasMessageContaining("outside [0, 1]");
    }
}
