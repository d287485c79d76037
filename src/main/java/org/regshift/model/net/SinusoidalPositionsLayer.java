package org.regshift.model.net;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;

/** The computation of {@link SinusoidalPositions}: a constant added, so the gradient passes unchanged. */
public class SinusoidalPositionsLayer extends ParameterFreeComputation<SinusoidalPositions> {
    private static final long serialVersionUID = 1L;

    public SinusoidalPositionsLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    static INDArray encoding(int channels, int length, DataType type) {
        float[] values = new float[channels * length];
        for (int c = 0; c < channels; c++) {
            double rate = Math.pow(10000, -(c - c % 2) / (double) channels);
            for (int p = 0; p < length; p++) {
                values[c * length + p] = (float) (c % 2 == 0 ? Math.sin(p * rate) : Math.cos(p * rate));
            }
        }
        return Nd4j.create(values, new long[] {channels, length}, DataType.FLOAT).castTo(type);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), input.shape(), 'c');
        Broadcast.add(input, encoding((int) input.size(1), (int) input.size(2), input.dataType()), out, 1, 2);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        return new Pair<>(new DefaultGradient(), workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, epsilon));
    }

    @Override
    public Type type() {
        return Type.FEED_FORWARD;
    }
}
