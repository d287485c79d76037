package org.regshift.qc;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.regshift.io.InputException;
import org.regshift.io.UsageException;

/**
 * Activities relative to negative controls (--controls): per replicate, the median activity of the
 * control elements (IDs matching the pattern) that every replicate measured is subtracted from every
 * element, so that libraries sharing the controls share one scale, which each library's own totals
 * do not give (a library of more active elements has a larger RNA total, and every activity of
 * that library falls with it). The controls then leave the activity table: they are dropped as
 * {@code control}.
 *
 * @param controls the elements whose ID matches the pattern
 * @param measured those of them that every replicate measured: the medians are theirs
 * @param medians  the median subtracted, per replicate
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record ControlNormalisation(String pattern, long controls, long measured, double[] medians) {

    /** The activities normalised to the controls that {@code pattern} finds among them, and what was subtracted. */
    static Normalised apply(Pattern pattern, List<ElementActivity> activities, String table) {
        List<ElementActivity> controls = activities.stream().filter(a -> isControl(pattern, a)).toList();
        if (controls.isEmpty()) {
            throw new UsageException("--controls '" + pattern + "': no element ID in " + table + " matches");
        }
        List<ElementActivity> measured = controls.stream().filter(ElementActivity::kept).toList();
        if (measured.isEmpty()) {
            throw new InputException(table + ": none of the " + controls.size() + " control elements matching '" + pattern
                    + "' passed the filters in every replicate, so there is nothing to normalise to");
        }
        int reps = measured.get(0).replicates().length;
        double[] medians = new double[reps];
        for (int r = 0; r < reps; r++) {
            int rep = r;
            medians[r] = OutlierRule.median(measured.stream().mapToDouble(a -> a.replicates()[rep]).toArray());
        }
        List<ElementActivity> out = new ArrayList<>(activities.size());
        for (ElementActivity a : activities) {
            double[] shifted = a.replicates().clone();
            for (int r = 0; r < reps; r++) {
                shifted[r] -= medians[r];
            }
            ElementActivity normalised = ActivityEstimator.of(a.counts(), shifted, a.dropped());
            out.add(isControl(pattern, a) ? normalised.droppedAs(DropReason.CONTROL) : normalised);
        }
        return new Normalised(out, new ControlNormalisation(pattern.pattern(), controls.size(), measured.size(), medians));
    }

    /** The normalised activities and the record of the normalisation. */
    record Normalised(List<ElementActivity> activities, ControlNormalisation normalisation) {
    }

    private static boolean isControl(Pattern pattern, ElementActivity a) {
        return pattern.matcher(a.counts().id).find();
    }
}
