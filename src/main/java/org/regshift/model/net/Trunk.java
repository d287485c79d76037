package org.regshift.model.net;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.deeplearning4j.nn.conf.layers.misc.RepeatVector;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.nd4j.linalg.activations.Activation;

/**
 * Builds the sequence trunk of a network on a graph, one block after another, from the one-hot
 * input [batch, 4, length] (NCW) to a vector, keeping track of channels and length.
 */
public final class Trunk {
    /** LegNet's initialisation of dense layers: normal with standard deviation 0.001. */
    public static final double LINEAR_SD = 0.001;
    private final GraphBuilder graph;
    private String last;
    private int channels;
    private int length;
    private int count;

    Trunk(GraphBuilder graph, String input, int channels, int length) {
        this.graph = graph;
        this.last = input;
        this.channels = channels;
        this.length = length;
    }

    private Trunk add(String kind, Layer layer) {
        String name = kind + "_" + ++count;
        graph.addLayer(name, layer, last);
        last = name;
        return this;
    }

    /** A 1D convolution; 'same' keeps the length, otherwise it shrinks by kernel - 1. */
    public Trunk conv(int out, int kernel, boolean same, Activation activation) {
        channels = out;
        length = same ? length : length - kernel + 1;
        return add("conv", new Convolution1DLayer.Builder().kernelSize(kernel).nOut(out)
                .convolutionMode(same ? ConvolutionMode.Same : ConvolutionMode.Truncate).activation(activation).build());
    }

    /**
     * Batch normalisation per channel ({@link Networks#batchNorm}). DL4J's layer rejects [batch,
     * channels, length] input, so the activations pass as [batch, channels, length, 1] (a view, no
     * copy) and back.
     */
    public Trunk batchNorm() {
        return asImage(() -> add("bn", Networks.batchNorm()));
    }

    /** Runs {@code layers} on the activations as [batch, channels, length, 1] images. */
    private Trunk asImage(Runnable layers) {
        String in = "image_in_" + (count + 1);
        graph.addVertex(in, new ReshapeVertex('c', new int[] {-1, channels, length, 1}, null), last);
        last = in;
        layers.run();
        String out = "image_out_" + count;
        graph.addVertex(out, new ReshapeVertex('c', new int[] {-1, channels, length}, null), last);
        last = out;
        return this;
    }

    /** LegNet's local block: a convolution without bias ('same'), batch norm and SiLU. */
    public Trunk localBlock(int out, int kernel) {
        channels = out;
        add("conv", new Convolution1DLayer.Builder().kernelSize(kernel).nOut(out).convolutionMode(ConvolutionMode.Same)
                .hasBias(false).activation(Activation.IDENTITY).weightInit(fanOutNormal(kernel, out)).build());
        return asImage(() -> add("bn", Networks.batchNorm()).silu());
    }

    /**
     * LegNet's EffBlock concatenated with its input: 1x1 expansion by {@code expansion}, depthwise
     * convolution of {@code kernel}, squeeze-and-excitation reducing by {@code expansion}, 1x1
     * projection back, each but the squeeze-and-excitation with batch norm and SiLU; the block's
     * output comes first in the concatenation, as in LegNet.
     */
    public Trunk efficientBlock(int expansion, int kernel) {
        String input = last;
        int in = channels;
        localBlock(in * expansion, 1);
        asImage(() -> {
            add("depthwise", new DepthwiseConvolution2D.Builder().kernelSize(kernel, 1).depthMultiplier(1)
                    .nOut(channels).convolutionMode(ConvolutionMode.Same).hasBias(false).activation(Activation.IDENTITY)
                    .weightInit(fanOutNormal(kernel, channels)).build());
            add("bn", Networks.batchNorm()).silu();
        });
        squeezeExcite(expansion).localBlock(in, 1);
        String name = "concat_" + ++count;
        graph.addVertex(name, new MergeVertex(), last, input);
        last = name;
        channels = 2 * in;
        return this;
    }

    /**
     * Squeeze-and-excitation: each channel scaled by a sigmoid gate computed from all channels'
     * means (average pool, dense to channels / reduction + SiLU, dense back + sigmoid).
     */
    private Trunk squeezeExcite(int reduction) {
        String input = last;
        add("se_pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build());
        add("se_reduce", new DenseLayer.Builder().nOut(channels / reduction).activation(Activation.SWISH)
                .weightInit(new NormalDistribution(0, LINEAR_SD)).build());
        add("se_expand", new DenseLayer.Builder().nOut(channels).activation(Activation.SIGMOID)
                .weightInit(new NormalDistribution(0, LINEAR_SD)).build());
        add("se_repeat", new RepeatVector.Builder().repetitionFactor(length).build());
        String name = "se_scale_" + ++count;
        graph.addVertex(name, new ElementWiseVertex(ElementWiseVertex.Op.Product), last, input);
        last = name;
        return this;
    }

    /** LegNet's mapper: batch norm and a 1x1 convolution (with bias) to {@code out} channels. */
    public Trunk mapper(int out) {
        batchNorm();
        channels = out;
        return add("conv", new Convolution1DLayer.Builder().kernelSize(1).nOut(out).convolutionMode(ConvolutionMode.Same)
                .activation(Activation.IDENTITY).weightInit(fanOutNormal(1, out)).build());
    }

    private Trunk silu() {
        return add("silu", new ActivationLayer(Activation.SWISH));
    }

    /** LegNet's (PyTorch's He) initialisation of convolutions: normal with variance 2 / (kernel x out channels). */
    private static NormalDistribution fanOutNormal(int kernel, int out) {
        return new NormalDistribution(0, Math.sqrt(2.0 / (kernel * out)));
    }

    public Trunk maxPool(int size) {
        length /= size;
        return add("pool", new MaxPool1D(size));
    }

    /** Dropout that zeroes a {@code rate} fraction of activations in training. */
    public Trunk dropout(double rate) {
        return add("dropout", new DropoutLayer(1 - rate));
    }

    /** A bidirectional LSTM whose two directions' outputs are concatenated at every position. */
    public Trunk biLstm(int units) {
        channels = 2 * units;
        return add("bilstm", new Bidirectional(Bidirectional.Mode.CONCAT,
                new LSTM.Builder().nOut(units).activation(Activation.TANH).build()));
    }

    public Trunk positions() {
        return add("positions", new SinusoidalPositions());
    }

    /**
     * A transformer encoder block without layer norm (DL4J has none for sequences; batch norm
     * stands in): multi-head self-attention and a position-wise feed-forward layer, each residual.
     */
    public Trunk encoderBlock(int heads, double dropout) {
        String input = last;
        add("attention", new SelfAttentionLayer.Builder().nOut(channels).nHeads(heads).projectInput(true).build());
        dropout(dropout);
        residual(input);
        batchNorm();
        String mid = last;
        conv(2 * channels, 1, true, Activation.RELU);
        conv(channels / 2, 1, true, Activation.IDENTITY);
        dropout(dropout);
        return residual(mid).batchNorm();
    }

    private Trunk residual(String skip) {
        String name = "residual_" + ++count;
        graph.addVertex(name, new ElementWiseVertex(ElementWiseVertex.Op.Add), last, skip);
        last = name;
        return this;
    }

    /** Ends the trunk with a global average pool over positions; returns the vector's vertex name. */
    public String globalAveragePool() {
        add("global_average", new GlobalPoolingLayer.Builder(PoolingType.AVG).build());
        return last;
    }

    /** Ends the trunk with a global max pool over positions; returns the vector's vertex name. */
    public String globalMaxPool() {
        add("global_max", new GlobalPoolingLayer.Builder(PoolingType.MAX).build());
        return last;
    }

    public int channels() {
        return channels;
    }
}
