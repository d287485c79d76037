package org.regshift.model.lean;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * What runs a network's passes, chosen in one place from the network: {@link #LEAN} twins where
 * the lean engine implements every layer (every architecture RegShift builds), else {@link #DL4J}'s
 * own graph with multi-threaded native operations; the same for training and for prediction.
 */
public enum Engine {
    /** RegShift's lean layers on libnd4j operations, one twin per thread. */
    LEAN,
    /** The DL4J graph itself. */
    DL4J;

    /** An engine and why it was chosen, as logged and recorded in provenance. */
    public record Choice(Engine engine, int threads, String reason) {
        /** One line for the log. */
        public String describe() {
            return engine.label() + " on " + threads + (threads == 1 ? " thread" : " threads") + " (" + reason + ")";
        }
    }

    /** The name in logs, model.json and provenance.json. */
    public String label() {
        return name().toLowerCase();
    }

    /**
     * The engine that trains {@code net} on {@code threads} threads; {@code graphOnly} is the
     * reason training needs DL4J's graph whatever the network (null when it does not).
     */
    public static Choice forTraining(ComputationGraph net, int threads, String graphOnly) {
        return graphOnly != null ? new Choice(DL4J, threads, graphOnly) : forInference(net, threads);
    }

    /** The engine that runs {@code net}'s forward pass on {@code threads} threads, whatever its optimiser. */
    public static Choice forInference(ComputationGraph net, int threads) {
        Optional<String> notLean = LeanNetwork.unsupported(net);
        return notLean.isEmpty() ? new Choice(LEAN, threads, "the lean engine implements every layer")
                : new Choice(DL4J, threads, notLean.get());
    }

    /** The network's layer configurations in topological order (a bidirectional layer's forward half). */
    public static List<Layer> layers(ComputationGraph net) {
        List<Layer> layers = new ArrayList<>();
        for (String name : net.getConfiguration().getTopologicalOrderStr()) {
            if (net.getConfiguration().getVertices().get(name) instanceof LayerVertex lv) {
                Layer l = lv.getLayerConf().getLayer();
                layers.add(l instanceof Bidirectional b ? b.getFwd() : l);
            }
        }
        return layers;
    }
}
