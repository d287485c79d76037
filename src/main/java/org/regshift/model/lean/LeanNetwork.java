package org.regshift.model.lean;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.misc.RepeatVector;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.BidirectionalParamInitializer;
import org.deeplearning4j.nn.params.LSTMParamInitializer;
import org.deeplearning4j.nn.params.DepthwiseConvolutionParamInitializer;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
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
import org.regshift.model.net.NdBuffers;
import org.regshift.model.net.SinusoidalPositions;

/**
 * The forward and backward pass of a network on libnd4j operations, on the parameters of its
 * {@link ComputationGraph}, which stays the model that is saved and predicts: the graph's vertices
 * in topological order (1D and depthwise convolutions, batch normalisation, activations, max and
 * average pooling, dropout, dense layers, concatenation, squeeze-and-excitation gates, reshapes,
 * prior features, bidirectional LSTMs, self-attention, position encodings, residual sums), each
 * gradient summed over the vertices that take the value. A profile of
 * DL4J's own fit showed most of the time outside the kernels: each Conv1D runs its forward pass
 * again in backpropagation and computes an input gradient for the input layer, and per-layer
 * copies and workspace moves add up; this does each operation once. Gradients equal DL4J's
 * (tested). {@link Twins} runs several, one per thread; {@link Engine} decides where it runs.
 */
final class LeanNetwork implements Replica {
    private static final WorkspaceConfiguration WORKSPACE = WorkspaceConfiguration.builder()
            .policyAllocation(AllocationPolicy.OVERALLOCATE).overallocationLimit(0.2)
            .policyLearning(LearningPolicy.FIRST_LOOP).build();
    private static final String WORKSPACE_ID = "regshift-lean";
    private static final Set<Class<? extends Layer>> SUPPORTED = Set.of(Convolution1DLayer.class, MaxPool1D.class,
            DropoutLayer.class, GlobalPoolingLayer.class, DenseLayer.class, OutputLayer.class, BatchNormalization.class,
            ActivationLayer.class, DepthwiseConvolution2D.class, RepeatVector.class, Bidirectional.class,
            SelfAttentionLayer.class, SinusoidalPositions.class);

    /**
     * One vertex: what it computes, where its inputs are among the network's values (the network's
     * inputs first, then each node's output in order), and which of them need a gradient.
     */
    private record Node(LeanVertex vertex, int[] inputs, boolean[] needed) {
    }

    private final int networkInputs;
    private final List<Node> nodes;
    private final List<LeanBatchNorm> batchNorms;
    private final ILossFunction loss;
    private final INDArray gradient;

    private LeanNetwork(int networkInputs, List<Node> nodes, List<LeanBatchNorm> batchNorms, ILossFunction loss,
                        INDArray gradient) {
        this.networkInputs = networkInputs;
        this.nodes = nodes;
        this.batchNorms = batchNorms;
        this.loss = loss;
        this.gradient = gradient;
    }

    /**
     * A lean twin of {@code net} that reads its parameters and writes gradients into
     * {@code gradient} (laid out as {@link ComputationGraph#getFlattenedGradients()}), drawing dropout
     * masks from {@code random}; it is twin {@code twin} of those that combine batch statistics in {@code sums}.
     *
     * @throws Unsupported when the network has a layer or a wiring the lean engine does not implement
     */
    static LeanNetwork of(ComputationGraph net, INDArray gradient, Random random, TwinSums sums, int twin) {
        ComputationGraphConfiguration conf = net.getConfiguration();
        if (net.getFlattenedGradients() == null) {
            net.initGradientsView();
        }
        INDArray flatGradient = gradient.reshape(-1);
        long gradientStart = net.getFlattenedGradients().offset();
        int networkInputs = conf.getNetworkInputs().size();
        List<String> values = new ArrayList<>(conf.getNetworkInputs());
        Map<String, Integer> consumers = new HashMap<>();
        conf.getVertexInputs().values().forEach(in -> in.forEach(name -> consumers.merge(name, 1, Integer::sum)));
        List<Node> nodes = new ArrayList<>();
        NdBuffers.Scratch scratch = new NdBuffers.Scratch();
        ILossFunction loss = null;
        for (String name : conf.getTopologicalOrderStr()) {
            GraphVertex vertex = conf.getVertices().get(name);
            if (vertex == null) {
                continue;
            }
            if (loss != null) {
                throw new Unsupported("vertex " + name + " after the output layer");
            }
            List<String> inputNames = conf.getVertexInputs().get(name);
            int[] inputs = inputNames.stream().mapToInt(values::indexOf).toArray();
            if (java.util.Arrays.stream(inputs).anyMatch(i -> i < 0)) {
                throw new Unsupported("vertex " + name + " takes an input the lean engine has not computed");
            }
            LeanVertex lean;
            if (vertex instanceof MergeVertex) {
                lean = new LeanConcat();
            } else if (vertex instanceof ElementWiseVertex e && e.getOp() == ElementWiseVertex.Op.Product && inputs.length == 2) {
                lean = new LeanProduct();
            } else if (vertex instanceof ElementWiseVertex e && e.getOp() == ElementWiseVertex.Op.Add && inputs.length == 2) {
                lean = new LeanSum();
            } else if (vertex instanceof ReshapeVertex r && r.getMaskShape() == null && r.getNewShape()[0] == -1) {
                lean = new LeanVertex.Single(new LeanReshape(r.getNewShape()));
            } else if (vertex instanceof LayerVertex layerVertex && inputs.length == 1) {
                Layer layer = layerVertex.getLayerConf().getLayer();
                if (!SUPPORTED.contains(layer.getClass())) {
                    throw new Unsupported("no lean " + layer.getClass().getSimpleName() + " (" + name + ")");
                }
                if (layer instanceof RepeatVector && !onlyIntoProduct(conf, name)) {
                    throw new Unsupported("a RepeatVector (" + name + ") that feeds anything but one product");
                }
                Map<String, INDArray> p = net.getLayer(name).paramTable();
                INDArray graphView = net.getLayer(name).getGradientsViewArray();
                INDArray layerGradient = graphView == null ? null : flatGradient.get(NDArrayIndex.interval(
                        graphView.offset() - gradientStart, graphView.offset() - gradientStart + graphView.length()));
                Map<String, INDArray> g = graphView == null ? Map.of()
                        : likeParameters(p, net.getLayer(name).params(), layerGradient);
                LeanLayer layerLean = layer instanceof BatchNormalization bn ? batchNorm(bn, name, p, g, sums, twin, scratch)
                        : layer(layer, name, p, g, random, scratch, nodes, inputs[0] - networkInputs,
                        consumers.getOrDefault(inputNames.get(0), 0) == 1);
                if (layer instanceof OutputLayer out) {
                    loss = out.getLossFn();
                }
                lean = new LeanVertex.Single(layerLean);
            } else {
                throw new Unsupported("no lean " + vertex.getClass().getSimpleName() + " (" + name + ")");
            }
            boolean[] needed = new boolean[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                needed[i] = inputs[i] >= networkInputs;
            }
            nodes.add(new Node(lean, inputs, needed));
            values.add(name);
        }
        if (loss == null) {
            throw new Unsupported("no output layer");
        }
        List<LeanBatchNorm> batchNorms = nodes.stream().map(Node::vertex).filter(v -> v instanceof LeanVertex.Single single
                && single.layer() instanceof LeanBatchNorm).map(v -> (LeanBatchNorm) ((LeanVertex.Single) v).layer()).toList();
        return new LeanNetwork(networkInputs, nodes, batchNorms, loss, gradient);
    }

    /**
     * Views of a layer's flattened gradient laid out as its parameters {@code p} lie in their
     * flattened {@code params}, whatever the layer. (DL4J's own initializers cannot be trusted with
     * this: that of a bidirectional layer hands each direction's the wrong configuration, and that
     * of a self-attention layer orders the gradient's views otherwise than the parameters.)
     */
    private static Map<String, INDArray> likeParameters(Map<String, INDArray> p, INDArray params, INDArray gradient) {
        Map<String, INDArray> views = new HashMap<>();
        p.forEach((key, value) -> {
            long start = value.offset() - params.offset();
            views.put(key, gradient.get(NDArrayIndex.interval(start, start + value.length())).reshape(value.ordering(),
                    value.shape()));
        });
        return views;
    }

    private static boolean onlyIntoProduct(ComputationGraphConfiguration conf, String name) {
        List<String> takers = conf.getVertexInputs().entrySet().stream().filter(e -> e.getValue().contains(name))
                .map(Map.Entry::getKey).toList();
        return takers.size() == 1 && conf.getVertices().get(takers.get(0)) instanceof ElementWiseVertex e
                && e.getOp() == ElementWiseVertex.Op.Product;
    }

    /**
     * The lean form of a layer with parameters {@code p} and gradient views {@code g}; {@code input}
     * is the index among {@code nodes} of the node that feeds it (negative for a network input),
     * {@code soleTaker} whether the layer is that node's only taker.
     */
    private static LeanLayer layer(Layer layer, String name, Map<String, INDArray> p, Map<String, INDArray> g, Random random,
                                   NdBuffers.Scratch scratch, List<Node> nodes, int input, boolean soleTaker) {
        boolean takesDropout = layer instanceof DropoutLayer || layer instanceof DenseLayer || layer instanceof OutputLayer;
        if (!plainDropout(layer.getIDropout()) || (layer.getIDropout() != null && !takesDropout)) {
            throw new Unsupported("dropout of " + name + " is not plain inverted dropout on a dense or dropout layer");
        }
        LeanDropout dropout = dropout(layer.getIDropout(), random);
        if (layer instanceof Convolution1DLayer c) {
            return conv(c, p, g);
        } else if (layer instanceof MaxPool1D pool) {
            return new LeanMaxPool(pool.getSize(), takeRelu(nodes, input, soleTaker));
        } else if (layer instanceof DropoutLayer) {
            return dropout;
        } else if (layer instanceof GlobalPoolingLayer pool && pool.isCollapseDimensions()
                && (pool.getPoolingType() == PoolingType.MAX || pool.getPoolingType() == PoolingType.AVG)) {
            return pool.getPoolingType() == PoolingType.MAX ? new LeanGlobalMax(takeRelu(nodes, input, soleTaker))
                    : new LeanGlobalAverage();
        } else if (layer instanceof OutputLayer out && out.getActivationFn() instanceof ActivationIdentity) {
            return dense(p, g, out.getActivationFn(), dropout);
        } else if (layer instanceof DenseLayer dense) {
            return dense(p, g, dense.getActivationFn(), dropout);
        } else if (layer instanceof ActivationLayer a) {
            LeanActivation activation = LeanActivation.of(a.getActivationFn());
            return new LeanActivationLayer(activation == LeanActivation.SWISH && takeSilu(nodes, input, soleTaker)
                    ? LeanActivation.IDENTITY : activation);
        } else if (layer instanceof DepthwiseConvolution2D d && d.getDepthMultiplier() == 1 && !d.hasBias()
                && d.getConvolutionMode() == ConvolutionMode.Same && d.getKernelSize()[1] == 1 && d.getKernelSize()[0] % 2 == 1
                && d.getStride()[0] == 1 && d.getStride()[1] == 1 && d.getDilation()[0] == 1 && d.getDilation()[1] == 1) {
            return new LeanDepthwise(p.get(DepthwiseConvolutionParamInitializer.WEIGHT_KEY),
                    g.get(DepthwiseConvolutionParamInitializer.WEIGHT_KEY), scratch);
        } else if (layer instanceof RepeatVector) {
            return new LeanRepeat();
        } else if (layer instanceof Bidirectional b && b.getMode() == Bidirectional.Mode.CONCAT && b.getFwd() instanceof LSTM lstm
                && lstm.getActivationFn() instanceof ActivationTanH && lstm.getGateActivationFn() instanceof ActivationSigmoid
                && lstm.getIDropout() == null && lstm.getRnnDataFormat() == RNNFormat.NCW) {
            return new LeanBiLstm(lstm(p, g, BidirectionalParamInitializer.FORWARD_PREFIX, false),
                    lstm(p, g, BidirectionalParamInitializer.BACKWARD_PREFIX, true));
        } else if (layer instanceof SelfAttentionLayer a && a.isProjectInput()) {
            String[] keys = {"Wq", "Wk", "Wv"}; // SelfAttentionLayer's names of its projections, private there
            return new LeanSelfAttention(java.util.Arrays.stream(keys).map(p::get).toArray(INDArray[]::new),
                    java.util.Arrays.stream(keys).map(g::get).toArray(INDArray[]::new), p.get("Wo"), g.get("Wo"));
        } else if (layer instanceof SinusoidalPositions) {
            return new LeanPositions();
        }
        throw new Unsupported(layer.getClass().getSimpleName() + " " + name + " where the lean engine takes no such layer");
    }

    /** One direction of a bidirectional LSTM, whose parameters' names start with {@code prefix}. */
    private static LeanLstm lstm(Map<String, INDArray> p, Map<String, INDArray> g, String prefix, boolean reverse) {
        String w = prefix + LSTMParamInitializer.INPUT_WEIGHT_KEY;
        String rw = prefix + LSTMParamInitializer.RECURRENT_WEIGHT_KEY;
        String b = prefix + LSTMParamInitializer.BIAS_KEY;
        return new LeanLstm(new LeanParameters(p.get(w), p.get(b), g.get(w), g.get(b)), p.get(rw), g.get(rw), reverse);
    }

    private static LeanBatchNorm batchNorm(BatchNormalization bn, String name, Map<String, INDArray> p,
                                           Map<String, INDArray> g, TwinSums sums, int twin, NdBuffers.Scratch scratch) {
        if (bn.isUseLogStd() || bn.isLockGammaBeta() || !(bn.getActivationFn() instanceof ActivationIdentity)
                || bn.getIDropout() != null) {
            throw new Unsupported("batch normalisation " + name + " keeps log10 of the standard deviation, locks gamma"
                    + " and beta, or has an activation or dropout");
        }
        return new LeanBatchNorm(p.get(BatchNormalizationParamInitializer.GAMMA), p.get(BatchNormalizationParamInitializer.BETA),
                p.get(BatchNormalizationParamInitializer.GLOBAL_MEAN), p.get(BatchNormalizationParamInitializer.GLOBAL_VAR),
                g.get(BatchNormalizationParamInitializer.GAMMA), g.get(BatchNormalizationParamInitializer.BETA),
                bn.getEps(), bn.getDecay(), false, sums, twin, scratch);
    }

    /** Why the lean engine cannot run {@code net}, or empty when it can. */
    static java.util.Optional<String> unsupported(ComputationGraph net) {
        try {
            of(net, Nd4j.zeros(DataType.FLOAT, 1, net.numParams()), Nd4j.getRandom(), new TwinSums(1), 0);
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
     * Moves the ReLU of a convolution just before a max pool (node {@code input}, of which the pool
     * is the sole taker) to after the pool (max and ReLU commute): true when there was one.
     */
    private static boolean takeRelu(List<Node> nodes, int input, boolean soleTaker) {
        if (soleTaker && input >= 0 && nodes.get(input).vertex() instanceof LeanVertex.Single single
                && single.layer() instanceof LeanConv1D conv && conv.relu()) {
            Node n = nodes.get(input);
            nodes.set(input, new Node(new LeanVertex.Single(conv.withoutRelu()), n.inputs(), n.needed()));
            return true;
        }
        return false;
    }

    /**
     * Fuses SiLU into the batch normalisation just before it (node {@code input}, of which the
     * activation is the sole taker): true when it did, and the activation then passes its input on.
     */
    private static boolean takeSilu(List<Node> nodes, int input, boolean soleTaker) {
        if (soleTaker && input >= 0 && nodes.get(input).vertex() instanceof LeanVertex.Single single
                && single.layer() instanceof LeanBatchNorm bn) {
            Node n = nodes.get(input);
            nodes.set(input, new Node(new LeanVertex.Single(bn.withSilu()), n.inputs(), n.needed()));
            return true;
        }
        return false;
    }

    private static LeanLayer conv(Convolution1DLayer c, Map<String, INDArray> p, Map<String, INDArray> g) {
        boolean same = c.getConvolutionMode() == ConvolutionMode.Same && c.getKernelSize()[0] % 2 == 1;
        if (c.getStride()[0] != 1 || c.getDilation()[0] != 1
                || !(same || (c.getConvolutionMode() == ConvolutionMode.Truncate && c.getPadding()[0] == 0))) {
            throw new Unsupported("a convolution that is not stride 1, undilated, odd 'same' or unpadded");
        }
        return new LeanConv1D(new LeanParameters(kernelView(p.get("W")), p.get("b"), kernelView(g.get("W")), g.get("b")),
                same, LeanActivation.of(c.getActivationFn()));
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
        return new LeanDense(new LeanParameters(p.get("W"), p.get("b"), g.get("W"), g.get("b")), LeanActivation.of(activation),
                dropout);
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
            backward(scored.getSecond().muli(scale), false);
            return scored.getFirst();
        }
    }

    /**
     * d(mean output) / d(sequence input) of a batch in inference mode (running statistics, no
     * dropout); the prior features, if any, are held.
     */
    INDArray meanInputGradient(INDArray[] inputs) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, WORKSPACE_ID)) {
            INDArray out = forward(inputs, false);
            INDArray seed = Nd4j.zeros(DataType.FLOAT, out.shape());
            seed.getColumn(0).assign(1);
            return backward(seed, true)[0].detach();
        }
    }

    /**
     * Backpropagates {@code outputGradient} through the nodes, summing each value's gradient over
     * its takers; returns the gradients of the values, of the sequence input too when
     * {@code sequenceGradient}.
     */
    private INDArray[] backward(INDArray outputGradient, boolean sequenceGradient) {
        INDArray[] gradients = new INDArray[networkInputs + nodes.size()];
        gradients[gradients.length - 1] = outputGradient;
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Node node = nodes.get(i);
            boolean[] needed = node.needed().clone();
            for (int k = 0; k < needed.length; k++) {
                needed[k] |= sequenceGradient && node.inputs()[k] == 0;
            }
            INDArray[] back = node.vertex().backward(gradients[networkInputs + i], needed);
            for (int k = 0; k < back.length; k++) {
                if (needed[k]) {
                    int to = node.inputs()[k];
                    gradients[to] = gradients[to] == null ? back[k] : gradients[to].addi(back[k]);
                }
            }
            gradients[networkInputs + i] = null;
        }
        return gradients;
    }

    /** Moves batch normalisation's running statistics towards the last step's batch statistics. */
    @Override
    public void afterStep() {
        batchNorms.forEach(LeanBatchNorm::updateRunningStatistics);
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
        INDArray[] values = java.util.Arrays.copyOf(inputs, networkInputs + nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            INDArray[] in = new INDArray[node.inputs().length];
            for (int k = 0; k < in.length; k++) {
                in[k] = values[node.inputs()[k]];
            }
            values[networkInputs + i] = node.vertex().forward(in, training);
        }
        return values[values.length - 1];
    }
}
