package org.regshift.prepare;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.regshift.io.UsageException;
import org.regshift.split.GroupSplitter;

/**
 * Which values of a split column (folds, say) make up each of RegShift's splits: lists such as
 * "1-8" or "1,2,5" per split. Without any list the column's values are the split names already.
 */
record SplitLists(Map<String, String> splitOfValue) {
    private static final Pattern RANGE = Pattern.compile("(-?\\d+)-(-?\\d+)");

    /** The lists of the four splits, in {@link GroupSplitter#SPLITS} order, each null or empty when not given. */
    static SplitLists of(List<String> lists) {
        Map<String, String> splitOfValue = new LinkedHashMap<>();
        for (int s = 0; s < GroupSplitter.SPLITS.size(); s++) {
            String list = lists.get(s);
            if (list == null || list.isBlank()) {
                continue;
            }
            for (String value : values(list)) {
                String before = splitOfValue.put(value, GroupSplitter.SPLITS.get(s));
                if (before != null) {
                    throw new UsageException("split value '" + value + "' is in the " + before + " and the " + GroupSplitter.SPLITS.get(s)
                            + " lists; a value belongs to one split");
                }
            }
        }
        return new SplitLists(splitOfValue);
    }

    /** The values of a list: comma-separated items, each a value or an integer range a-b. */
    private static List<String> values(String list) {
        return java.util.Arrays.stream(list.split(",")).map(String::trim).flatMap(item -> {
            Matcher range = RANGE.matcher(item);
            if (!range.matches()) {
                if (item.isEmpty()) {
                    throw new UsageException("empty item in the split list '" + list + "'");
                }
                return java.util.stream.Stream.of(item);
            }
            long from = Long.parseLong(range.group(1));
            long to = Long.parseLong(range.group(2));
            if (to < from || to - from > 100_000) {
                throw new UsageException("split range '" + item + "' is not an increasing range of at most 100,000 values");
            }
            return java.util.stream.LongStream.rangeClosed(from, to).mapToObj(Long::toString);
        }).toList();
    }

    boolean given() {
        return !splitOfValue.isEmpty();
    }

    /** The split of a column value, or null when no list holds it (without lists: the value when it names a split). */
    String split(String value) {
        return given() ? splitOfValue.get(value) : GroupSplitter.SPLITS.contains(value) ? value : null;
    }
}
