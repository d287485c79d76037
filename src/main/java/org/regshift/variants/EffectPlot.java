package org.regshift.variants;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.regshift.plot.Plots;

/**
 * effects.png/svg: predicted against measured effects coloured by Bajwa's category when effects
 * were measured; otherwise each effect against the members' spread, coloured by whether they agree
 * on its sign.
 */
final class EffectPlot {
    private EffectPlot() {
    }

    static void save(EffectSummary.Columns c, boolean measured, Path dir, String name) {
        Map<String, double[][]> series = new LinkedHashMap<>();
        if (measured) {
            for (Agreement a : Agreement.values()) {
                series.put(a.label().replace('_', ' '), points(c.measured(), c.effect(), i -> c.category()[i] == a.ordinal(), c));
            }
            Plots.save(Plots.scatter("Predicted vs measured variant effects", "measured effect", "predicted effect (ensemble mean)",
                    series), dir, name);
        } else {
            series.put("members agree on the sign", points(c.effect(), c.sd(), i -> c.agreement()[i] == 1, c));
            series.put("members disagree", points(c.effect(), c.sd(), i -> c.agreement()[i] < 1, c));
            Plots.save(Plots.scatter("Predicted variant effects and their spread across members", "predicted effect (ensemble mean)",
                    "SD of the members' effects", series), dir, name);
        }
    }

    private static double[][] points(double[] x, double[] y, IntPredicate keep, EffectSummary.Columns c) {
        int[] rows = IntStream.range(0, c.effect().length).filter(keep).toArray();
        return new double[][] {IntStream.of(rows).mapToDouble(i -> x[i]).toArray(), IntStream.of(rows).mapToDouble(i -> y[i]).toArray()};
    }
}
