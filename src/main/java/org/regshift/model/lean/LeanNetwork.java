package org.regshift.model.lean;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.regshift.model.net.MaxPool1D;
import org.regshift.model.net.Networks;

/**
 * The forward and backward pass of a plain convolutional network (1D convolutions with ReLU, max
 * pooling, dropout, a global max pool, optional prior features, dense layers) directly on
 * libnd4j operations, on the parameters of its {@link ComputationGraph}, which stays the model
 * that is saved and predicts. A profile of DL4J's own fit showed most of the time outside the
 * kernels: each Conv1D runs its forward pass again in backpropagation and computes an input
 * gradient for the input layer, and per-layer copies and workspace moves add up; this does each
 * operation once. Gradients equal DL4J's (tested). {@link Twins} runs several, one per thread;
 * {@link Engine} decides where it runs.
 */
final class LeanNetwork implements Replica {
    private static final WorkspaceConfiguration WORKSPACE = WorkspaceConfiguration.builder()
            .policyAllocation(AllocationPolicy.OVERALLOCATE).overallocationLimit(0.2)
            .policyLearning(LearningPolicy.FIRST_LOOP).build();
    private static final String WORKSPACE_ID = "regshift-lean";
    private static final Set<Class<? extends Layer>> SUPPORTED = Set.of(Convolution1DLayer.class, MaxPool1D.class,
            DropoutLayer.class, GlobalPoolingLayer.class, DenseLayer.class, OutputLayer.class);

    private final List<LeanLayer> trunk;
    private final int trunkWidth;
    private final boolean priors;
    private final List<LeanLayer> head;
    private final ILossFunction loss;
    private final INDArray gradient;

    private LeanNetwork(List<LeanLayer> trunk, int trunkWidth, boolean priors, List<LeanLayer> head, ILossFunction loss,
                        INDArray gradient) {
        this.trunk = trunk;
        this.trunkWidth = trunkWidth;
        this.priors = priors;
        this.head = head;
        this.loss = loss;
        this.gradient = gradient;
    }

    /**
     * A lean twin of {@code net} that reads its parameters and writes gradients into
     * {@code gradient} (laid out as {@link ComputationGraph#getFlattenedGradients()}), drawing dropout
     * masks from {@code random}.
     *
     * @throws Unsupported when the network has a layer or a wiring the lean engine does not implement
     */
    static LeanNetwork of(ComputationGraph net, INDArray gradient, Random random) {
        ComputationGraphConfiguration conf = net.getConfiguration();
        if (net.getFlattenedGradients() == null) {
            net.initGradientsView();
        }
        INDArray flatGradient = gradient.reshape(-1);
        long gradientStart = net.getFlattenedGradients().offset();
        List<LeanLayer> trunk = new ArrayList<>();
        List<LeanLayer> head = new ArrayList<>();
        int channels = 0;
        int trunkWidth = 0;
        boolean priors = false;
        ILossFunction loss = null;
        String previous = Networks.SEQUENCE;
        for (String name : conf.getTopologicalOrderStr()) {
            GraphVertex vertex = conf.getVertices().get(name);
            if (vertex == null) {
                continue;
            }
            List<String> inputs = conf.getVertexInputs().get(name);
            if (vertex instanceof MergeVertex && inputs.equals(List.of(previous, Networks.PRIORS)) && trunkWidth > 0
                    && head.isEmpty()) {
                priors = true;
                previous = name;
                continue;
            }
            if (!(vertex instanceof LayerVertex layerVertex) || !inputs.equals(List.of(previous)) || loss != null) {
                throw new Unsupported("vertex " + name + " is not a layer in a chain");
            }
            Layer layer = layerVertex.getLayerConf().getLayer();
            if (!SUPPORTED.contains(layer.getClass())) {
                throw new Unsupported("no lean " + layer.getClass().getSimpleName() + " (" + name + ")");
            }
            Map<String, INDArray> p = net.getLayer(name).paramTable();
            INDArray graphView = net.getLayer(name).getGradientsViewArray();
            Map<String, INDArray> g = graphView == null ? Map.of() : layer.initializer().getGradientsFromFlattened(
                    layerVertex.getLayerConf(), flatGradient.get(NDArrayIndex.interval(graphView.offset() - gradientStart,
                    graphView.offset() - gradientStart + graphView.length())).reshape(graphView.shape()));
            boolean takesDropout = layer instanceof DropoutLayer || layer instanceof DenseLayer || layer instanceof OutputLayer;
            if (!plainDropout(layer.getIDropout()) || (layer.getIDropout() != null && !takesDropout)) {
                throw new Unsupported("dropout of " + name + " is not plain inverted dropout on a dense or dropout layer");
            }
            LeanDropout dropout = dropout(layer.getIDropout(), random);
            boolean inTrunk = trunkWidth == 0;
            LeanLayer lean;
            if (inTrunk && layer instanceof Convolution1DLayer c) {
                channels = (int) c.getNOut();
                lean = conv(c, p, g);
            } else if (inTrunk && layer instanceof MaxPool1D pool) {
                lean = new LeanMaxPool(pool.getSize(), takeRelu(trunk));
            } else if (inTrunk && layer instanceof DropoutLayer) {
                lean = dropout;
            } else if (inTrunk && layer instanceof GlobalPoolingLayer pool && pool.getPoolingType() == PoolingType.MAX
                    && pool.isCollapseDimensions() && channels > 0) {
                trunkWidth = channels;
                lean = new LeanGlobalMax(takeRelu(trunk));
            } else if (!inTrunk && layer instanceof OutputLayer out && out.getActivationFn() instanceof ActivationIdentity) {
                loss = out.getLossFn();
                lean = dense(p, g, out.getActivationFn(), dropout);
            } else if (!inTrunk && layer instanceof DenseLayer dense) {
                lean = dense(p, g, dense.getActivationFn(), dropout);
            } else {
                throw new Unsupported(layer.getClass().getSimpleName() + " " + name + " where the lean engine takes no such layer");
            }
            (inTrunk ? trunk : head).add(lean);
            previous = name;
        }
        if (loss == null) {
            throw new Unsupported("no output layer after the trunk");
        }
        return new LeanNetwork(trunk, trunkWidth, priors, head, loss, gradient);
    }

    /** Why the lean engine cannot run {@code net}, or empty when it can. */
    static java.util.Optional<String> unsupported(ComputationGraph net) {
        try {
            of(net, Nd4j.zeros(DataType.FLOAT, 1, net.numParams()), Nd4j.getRandom());
            return java.util.Optional.empty();
        } catch (Unsupported e) {
            return java.util.Optional.of(e.getMessage());
        }
    }

    /** A network, layer or wiring that the lean engine does not implement. */
    static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(String reason) {
            super(reason);
        }
    }

    /**
     * Moves the ReLU of a convolution just before a max pool to after the pool (max and ReLU
     * commute): true when there was one.
     */
    private static boolean takeRelu(List<LeanLayer> trunk) {
        if (!trunk.isEmpty() && trunk.get(trunk.size() - 1) instanceof LeanConv1D conv && conv.relu()) {
            trunk.set(trunk.size() - 1, conv.withoutRelu());
            return true;
        }
        return false;
    }

    private static LeanLayer conv(Convolution1DLayer c, Map<String, INDArray> p, Map<String, INDArray> g) {
        boolean same = c.getConvolutionMode() == ConvolutionMode.Same && c.getKernelSize()[0] % 2 == 1;
        if (c.getStride()[0] != 1 || c.getDilation()[0] != 1 || !c.hasBias()
                || !(same || (c.getConvolutionMode() == ConvolutionMode.Truncate && c.getPadding()[0] == 0))) {
            throw new Unsupported("a convolution that is not stride 1, undilated, with bias, odd 'same' or unpadded");
        }
        return new LeanConv1D(new LeanParameters(kernelView(p.get("W")), p.get("b"), kernelView(g.get("W")), g.get("b")),
                same, relu(c.getActivationFn()));
    }

    /**
     * The weights as DL4J's Conv1D passes them to conv1d: its [out, in, kernel, 1] parameter array
     * reshaped (not permuted) to [kernel, in, out].
     */
    private static INDArray kernelView(INDArray w) {
        return w.reshape('c', w.size(2), w.size(1), w.size(0));
    }

    private static LeanLayer dense(Map<String, INDArray> p, Map<String, INDArray> g, IActivation activation,
                                   LeanDropout dropout) {
        return new LeanDense(new LeanParameters(p.get("W"), p.get("b"), g.get("W"), g.get("b")), relu(activation), dropout);
    }

    /** True for ReLU, false for the identity. */
    private static boolean relu(IActivation activation) {
        if (activation instanceof ActivationIdentity) {
            return false;
        }
        if (activation instanceof ActivationReLU r && r.getMax() == null && zero(r.getThreshold()) && zero(r.getNegativeSlope())) {
            return true;
        }
        throw new Unsupported("activation " + activation + " (the lean engine has ReLU and the identity)");
    }

    private static boolean zero(Double value) {
        return value == null || value == 0;
    }

    /** No dropout, or DL4J's plain inverted dropout with a fixed probability. */
    private static boolean plainDropout(IDropout dropout) {
        return dropout == null || (dropout instanceof Dropout d && d.getPSchedule() == null);
    }

    /** The lean form of a {@link #plainDropout}, null for none. */
    private static LeanDropout dropout(IDropout dropout, Random random) {
        return dropout == null ? null : new LeanDropout(((Dropout) dropout).getP(), random);
    }

    /**
     * Writes the gradient of {@code scale} x the batch's summed loss into this twin's gradient
     * array and returns the summed loss.
     */
    @Override
    public double computeGradient(INDArray[] inputs, INDArray labels, double scale) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, WORKSPACE_ID)) {
            INDArray out = forward(inputs, true);
            Pair<Double, INDArray> scored = loss.computeGradientAndScore(labels, out, new ActivationIdentity(), null, false);
            INDArray delta = scored.getSecond().muli(scale);
            for (int i = head.size() - 1; i >= 0; i--) {
                delta = head.get(i).backward(delta, true);
            }
            if (priors) {
                delta = delta.get(NDArrayIndex.all(), NDArrayIndex.interval(0, trunkWidth));
            }
            for (int i = trunk.size() - 1; i >= 0; i--) {
                delta = trunk.get(i).backward(delta, i > 0);
            }
            return scored.getFirst();
        }
    }

    /** The (mean, log-variance) output of a batch, as the graph computes it. */
    @Override
    public INDArray output(INDArray[] inputs) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, WORKSPACE_ID)) {
            return forward(inputs, false).detach();
        }
    }

    @Override
    public INDArray gradient() {
        return gradient;
    }

    private INDArray forward(INDArray[] inputs, boolean training) {
        INDArray a = inputs[0];
        for (LeanLayer layer : trunk) {
            a = layer.forward(a, training);
        }
        if (priors) {
            a = Nd4j.concat(1, a, inputs[1]);
        }
        for (LeanLayer layer : head) {
            a = layer.forward(a, training);
        }
        return a;
    }
}
