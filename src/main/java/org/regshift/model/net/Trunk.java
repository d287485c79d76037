package org.regshift.model.net;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.nd4j.linalg.activations.Activation;

/**
 * Builds the sequence trunk of a network on a graph, one block after another, from the one-hot
 * input [batch, 4, length] (NCW) to a vector, keeping track of channels and length.
 */
public final class Trunk {
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
     * Batch normalisation per channel. DL4J's layer rejects [batch, channels, length] input, so the
     * activations pass as [batch, channels, length, 1] (a view, no copy) and back.
     */
    public Trunk batchNorm() {
        String in = "bn_in_" + (count + 1);
        graph.addVertex(in, new ReshapeVertex('c', new int[] {-1, channels, length, 1}, null), last);
        last = in;
        add("bn", new BatchNormalization.Builder().build());
        String out = "bn_out_" + count;
        graph.addVertex(out, new ReshapeVertex('c', new int[] {-1, channels, length}, null), last);
        last = out;
        return this;
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

    /** Ends the trunk with a global max pool over positions; returns the vector's vertex name. */
    public String globalMaxPool() {
        add("global_max", new GlobalPoolingLayer.Builder(PoolingType.MAX).build());
        return last;
    }

    public int channels() {
        return channels;
    }
}
