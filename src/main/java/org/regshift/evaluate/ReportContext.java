package org.regshift.evaluate;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import org.regshift.io.InputException;
import org.regshift.io.Json;
import org.regshift.model.ModelBundle;

/**
 * What the report says beyond the evaluation: the model that made the predictions (null: not
 * named) and the metrics of the same scenarios before calibration (empty: not given).
 */
record ReportContext(String model, Map<String, MetricSet> uncalibrated) {
    /** From an optional model bundle and an optional metrics.json of evaluate on the uncalibrated tables. */
    static ReportContext of(Path modelBundle, Path uncalibratedMetrics) {
        return new ReportContext(modelBundle == null ? null : describe(ModelBundle.readManifest(modelBundle)),
                uncalibratedMetrics == null ? Map.of() : readMetrics(uncalibratedMetrics));
    }

    /** "cnn, an ensemble of 5, trained on 9,000 sequences (at most 10 epochs)". */
    static String describe(JsonNode model) {
        StringBuilder s = new StringBuilder(model.path("architecture").asText());
        int members = model.path("members").size();
        if (members > 1) {
            s.append(", an ensemble of ").append(members);
        }
        JsonNode hyper = model.path("hyper_parameters");
        if (hyper.has("training_rows")) {
            s.append(String.format(java.util.Locale.ROOT, ", trained on %,d sequences", hyper.path("training_rows").asLong()));
        }
        if (hyper.has("epochs")) {
            s.append(" (at most ").append(hyper.path("epochs").asInt()).append(" epochs)");
        }
        return s.toString();
    }

    /** Scenario name -> metrics, from a metrics.json that evaluate wrote. */
    static Map<String, MetricSet> readMetrics(Path file) {
        JsonNode scenarios = Json.read(file).path("scenarios");
        if (!scenarios.isObject() || scenarios.isEmpty()) {
            throw InputException.inFile(file, "is not a metrics.json of regshift evaluate (no 'scenarios' object)");
        }
        Map<String, MetricSet> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = scenarios.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> scenario = it.next();
            JsonNode metrics = scenario.getValue().path("metrics");
            if (!metrics.isObject()) {
                throw InputException.inFile(file, "scenario '" + scenario.getKey() + "' has no 'metrics' object");
            }
            Map<String, Double> values = new LinkedHashMap<>();
            metrics.fields().forEachRemaining(m -> {
                if (!m.getKey().equals("n")) {
                    values.put(m.getKey(), m.getValue().isNumber() ? m.getValue().asDouble() : Double.NaN);
                }
            });
            out.put(scenario.getKey(), new MetricSet(metrics.path("n").asInt(), values));
        }
        return out;
    }
}
