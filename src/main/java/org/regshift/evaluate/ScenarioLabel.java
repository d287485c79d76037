package org.regshift.evaluate;

import java.util.List;

/**
 * A scenario name read as family and severity: {@code gc_shift_severe} is family {@code gc_shift}
 * at severity {@code severe} (the simulator suite's names); any other name is a family of its own
 * with no severity ({@code k562}: the same sequences measured in another cell type).
 */
record ScenarioLabel(String family, String severity) {
    static final List<String> SEVERITIES = List.of("mild", "moderate", "severe");

    static ScenarioLabel of(String name) {
        for (String severity : SEVERITIES) {
            String suffix = "_" + severity;
            if (name.endsWith(suffix) && name.length() > suffix.length()) {
                return new ScenarioLabel(name.substring(0, name.length() - suffix.length()), severity);
            }
        }
        return new ScenarioLabel(name, "");
    }
}
