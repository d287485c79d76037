package org.regshift.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The computation of {@link MaxPool1D}. Backpropagation sends each window's gradient to its
 * first maximum, as PyTorch and {@link LeanMaxPool} do (ties are not rare: a homopolymer run
 * gives neighbouring positions the same convolution output).
 */
public class MaxPool1DLayer extends ParameterFreeComputation<MaxPool1D> {
    private static final long serialVersionUID = 1L;

    public MaxPool1DLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private int size() {
        return layerConf().getSize();
    }

    /** The input's first (length / size) * size positions as [batch, channels, windows, size]. */
    private INDArray windows(INDArray x) {
        long n = x.size(0);
        long c = x.size(1);
        long w = x.size(2) / size();
        INDArray used = x.size(2) == w * size() ? x : x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, w * size()));
        return used.dup('c').reshape('c', n, c, w, size());
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray out = windows(input).max(3);
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, out);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray inputGrad = LeanMaxPool.route(Nd4j.argMax(windows(input), 3), size(), epsilon.castTo(DataType.FLOAT), null,
                input.shape(), false, new LeanOps.Scratch()).castTo(input.dataType());
        return new Pair<>(new DefaultGradient(), workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, inputGrad));
    }

    @Override
    public Type type() {
        return Type.SUBSAMPLING;
    }
}
