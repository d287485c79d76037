package org.regshift.model.net;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The computation of {@link MaxPool1D}. Backpropagation sends each window's gradient to its
 * first maximum ({@link MaxPooling}).
 */
public class MaxPool1DLayer extends ParameterFreeComputation<MaxPool1D> {
    private static final long serialVersionUID = 1L;

    public MaxPool1DLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private int size() {
        return layerConf().getSize();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray out = MaxPooling.windows(input, size()).max(3);
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, out);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray inputGrad = MaxPooling.route(Nd4j.argMax(MaxPooling.windows(input, size()), 3), size(), epsilon.castTo(DataType.FLOAT), null,
                input.shape(), false, new NdBuffers.Scratch()).castTo(input.dataType());
        return new Pair<>(new DefaultGradient(), workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, inputGrad));
    }

    @Override
    public Type type() {
        return Type.SUBSAMPLING;
    }
}
