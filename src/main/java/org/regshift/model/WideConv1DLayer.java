package org.regshift.model;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.Convolution1DLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The computation of {@link WideConv1D} with libnd4j's conv2d and conv2d_bp ops on
 * [batch, channels, 1, length] views. The weights [out, in, kernel, 1] are read as
 * [out, in, 1, kernel] (the same memory). As DL4J's own layers do, backpropagation recomputes the
 * pre-activation instead of keeping it from the forward pass.
 */
public class WideConv1DLayer extends Convolution1DLayer {
    private static final long serialVersionUID = 1L;
    private static final int NCHW = 0;
    private static final int WEIGHTS_OUT_IN_H_W = 1;

    public WideConv1DLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private int kernel() {
        return layerConf().getKernelSize()[0];
    }

    private int[] args() {
        int same = layerConf().getConvolutionMode() == ConvolutionMode.Same ? 1 : 0;
        return new int[] {1, kernel(), 1, 1, 0, 0, 1, 1, same, NCHW, WEIGHTS_OUT_IN_H_W};
    }

    private INDArray image(INDArray x) {
        INDArray c = x.ordering() == 'c' && x.isView() ? x.dup('c') : x;
        return c.reshape('c', c.size(0), c.size(1), 1, c.size(2));
    }

    private INDArray weights() {
        INDArray w = getParam(ConvolutionParamInitializer.WEIGHT_KEY);
        return w.reshape('c', w.size(0), w.size(1), 1, kernel());
    }

    private INDArray bias() {
        INDArray b = getParam(ConvolutionParamInitializer.BIAS_KEY);
        return b.reshape(b.length());
    }

    /** conv(x) + b as [batch, out, 1, length']. */
    private INDArray preActivation(INDArray x4) {
        DynamicCustomOp op = DynamicCustomOp.builder("conv2d").addInputs(x4, weights(), bias())
                .addIntegerArguments(args()).build();
        return Nd4j.exec(op)[0];
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray z = preActivation(image(input));
        INDArray a = layerConf().getActivationFn().getActivation(z, training);
        INDArray out = a.reshape('c', a.size(0), a.size(1), a.size(3));
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, out);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray x4 = image(input);
        INDArray z = preActivation(x4);
        INDArray e = epsilon.dup('c').reshape('c', z.shape());
        INDArray dz = layerConf().getActivationFn().backprop(z, e).getFirst();
        DynamicCustomOp op = DynamicCustomOp.builder("conv2d_bp").addInputs(x4, weights(), bias(), dz)
                .addIntegerArguments(args()).build();
        INDArray[] grads = Nd4j.exec(op);
        INDArray wGrad = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
        INDArray bGrad = gradientViews.get(ConvolutionParamInitializer.BIAS_KEY);
        wGrad.assign(grads[1].reshape(wGrad.shape()));
        bGrad.assign(grads[2].reshape(bGrad.shape()));
        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(ConvolutionParamInitializer.WEIGHT_KEY, wGrad);
        gradient.gradientForVariable().put(ConvolutionParamInitializer.BIAS_KEY, bGrad);
        INDArray inputGrad = grads[0].reshape('c', input.size(0), input.size(1), input.size(2));
        return new Pair<>(gradient, workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, inputGrad));
    }
}
