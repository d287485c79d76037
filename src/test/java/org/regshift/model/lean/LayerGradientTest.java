package org.regshift.model.lean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.regshift.model.net.NdBuffers;

/**
 * Each lean layer's backward pass against central finite differences of its forward pass, for the
 * input and for every kind of parameter: the loss is sum(output x r) for a fixed random r, so its
 * gradient with respect to the output is r.
 */
class LayerGradientTest {
    private static final double EPS = 1e-3;
    private static final double TOLERANCE = 1e-2;
    private static final int CHECKS = 25;

    private final Random random = new Random(11);

    private INDArray gaussian(long... shape) {
        float[] v = new float[(int) java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return Nd4j.create(v, shape, DataType.FLOAT);
    }

    private static double loss(LeanLayer layer, INDArray x, INDArray r) {
        return layer.forward(x.dup(), true).castTo(DataType.DOUBLE).mul(r.castTo(DataType.DOUBLE)).sumNumber().doubleValue();
    }

    /** The backward pass's gradient of {@code target} (the input or a parameter) at CHECKS random coordinates. */
    private void check(LeanLayer layer, INDArray x, INDArray target, INDArray analytic) {
        INDArray r = gaussian(layer.forward(x.dup(), true).shape());
        INDArray computed = analytic == null ? layer.backward(r.dup(), true) : null;
        if (analytic != null) {
            analytic.assign(0);
            layer.backward(r.dup(), true);
            computed = analytic;
        }
        INDArray flatTarget = (target == null ? x : target).reshape(-1);
        INDArray flatComputed = computed.dup('c').reshape(-1);
        for (int c = 0; c < CHECKS; c++) {
            long k = random.nextInt((int) flatTarget.length());
            float original = flatTarget.getFloat(k);
            flatTarget.putScalar(k, original + EPS);
            double plus = loss(layer, x, r);
            flatTarget.putScalar(k, original - EPS);
            double minus = loss(layer, x, r);
            flatTarget.putScalar(k, original);
            assertThat(flatComputed.getDouble(k)).as("coordinate %d", k).isCloseTo((plus - minus) / (2 * EPS), within(TOLERANCE));
        }
    }

    private LeanParameters parameters(long[] weightShape, long out) {
        return new LeanParameters(gaussian(weightShape).muli(0.3), gaussian(1, out).muli(0.1),
                Nd4j.zeros(DataType.FLOAT, weightShape), Nd4j.zeros(DataType.FLOAT, 1, out));
    }

    @Test
    void convolutionGradientsOfInputWeightsAndBiasMatchFiniteDifferencesForWideAndPointwiseKernels() {
        for (int kernel : new int[] {5, 1}) {
            for (boolean same : new boolean[] {true, false}) {
                LeanParameters p = parameters(new long[] {kernel, 4, 6}, 6);
                LeanConv1D conv = new LeanConv1D(p, same, LeanActivation.IDENTITY);
                INDArray x = gaussian(2, 4, kernel == 1 ? LeanConv1D.POINTWISE_MIN_LENGTH : 20);
                check(conv, x, null, null);
                check(conv, x, p.weight(), p.weightGradient());
                check(conv, x, p.bias(), p.biasGradient());
            }
        }
    }

    @Test
    void pointwiseConvolutionOfLongSequencesEqualsLibnd4jsConv1d() {
        int length = LeanConv1D.POINTWISE_MIN_LENGTH + 20;
        LeanParameters p = parameters(new long[] {1, 4, 6}, 6);
        INDArray x = gaussian(3, 4, length);
        INDArray expected = Nd4j.createUninitialized(DataType.FLOAT, 3, 6, length);
        Nd4j.exec(org.nd4j.linalg.api.ops.DynamicCustomOp.builder("conv1d").addIntegerArguments(1, 1, 0, 1, 1, 0, 0)
                .addInputs(x, p.weight(), p.bias()).addOutputs(expected).build());
        INDArray actual = new LeanConv1D(p, true, LeanActivation.IDENTITY).forward(x, true);
        assertThat(LeanTesting.maxDifference(expected, actual)).isLessThan(1e-5);
    }

    /**
     * A layer's ReLU passes the output gradient where its output is positive: its backward pass
     * equals the linear layer's on the masked gradient (finite differences would straddle kinks).
     */
    @Test
    void reluLayersBackpropagateThroughThePositiveOutputsOnly() {
        LeanParameters c = parameters(new long[] {5, 4, 6}, 6);
        LeanParameters d = parameters(new long[] {7, 5}, 5);
        INDArray convInput = gaussian(3, 4, 20);
        INDArray denseInput = gaussian(4, 7);
        assertReluMasks(new LeanConv1D(c, true, LeanActivation.RELU), new LeanConv1D(c, true, LeanActivation.IDENTITY), convInput, c);
        assertReluMasks(new LeanDense(d, LeanActivation.RELU, null), new LeanDense(d, LeanActivation.IDENTITY, null), denseInput, d);
    }

    private void assertReluMasks(LeanLayer relu, LeanLayer linear, INDArray x, LeanParameters p) {
        INDArray out = relu.forward(x.dup(), true);
        assertThat(out.minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
        INDArray r = gaussian(out.shape());
        INDArray inputGradient = relu.backward(r.dup(), true).dup();
        INDArray weightGradient = p.weightGradient().dup();
        linear.forward(x.dup(), true);
        INDArray expected = linear.backward(r.mul(out.gt(0).castTo(DataType.FLOAT)), true);
        assertThat(LeanTesting.maxDifference(inputGradient, expected)).isLessThan(1e-5);
        assertThat(LeanTesting.maxDifference(weightGradient, p.weightGradient())).isLessThan(1e-5);
    }

    @Test
    void firstConvolutionWritesTheSameWeightGradientWithoutAnInputGradient() {
        LeanParameters p = parameters(new long[] {5, 4, 6}, 6);
        LeanConv1D conv = new LeanConv1D(p, true, LeanActivation.RELU);
        INDArray x = gaussian(3, 4, 20);
        INDArray r = gaussian(3, 6, 20);
        conv.forward(x, true);
        conv.backward(r.dup(), true);
        INDArray withInput = p.weightGradient().dup();
        conv.forward(x, true);
        assertThat(conv.backward(r.dup(), false)).isNull();
        assertThat(LeanTesting.maxDifference(withInput, p.weightGradient())).isLessThan(1e-5);
    }

    @Test
    void denseGradientsOfInputWeightsAndBiasMatchFiniteDifferences() {
        LeanParameters p = parameters(new long[] {7, 5}, 5);
        LeanDense dense = new LeanDense(p, LeanActivation.IDENTITY, null);
        INDArray x = gaussian(4, 7);
        check(dense, x, null, null);
        check(dense, x, p.weight(), p.weightGradient());
        check(dense, x, p.bias(), p.biasGradient());
    }

    @Test
    void bidirectionalLstmGradientsOfInputAndOfEachDirectionsWeightsMatchFiniteDifferences() {
        LeanParameters forwardInput = parameters(new long[] {3, 16}, 16);
        LeanParameters backwardInput = parameters(new long[] {3, 16}, 16);
        INDArray[] recurrent = {gaussian(4, 16).muli(0.3), gaussian(4, 16).muli(0.3)};
        INDArray[] recurrentGradients = {Nd4j.zeros(DataType.FLOAT, 4, 16), Nd4j.zeros(DataType.FLOAT, 4, 16)};
        LeanBiLstm lstm = new LeanBiLstm(new LeanLstm(forwardInput, recurrent[0], recurrentGradients[0], false),
                new LeanLstm(backwardInput, recurrent[1], recurrentGradients[1], true));
        INDArray x = gaussian(2, 3, 6);
        check(lstm, x, null, null);
        for (LeanParameters p : new LeanParameters[] {forwardInput, backwardInput}) {
            check(lstm, x, p.weight(), p.weightGradient());
            check(lstm, x, p.bias(), p.biasGradient());
        }
        for (int d = 0; d < 2; d++) {
            check(lstm, x, recurrent[d], recurrentGradients[d]);
        }
    }

    @Test
    void selfAttentionGradientsOfInputAndOfEachProjectionMatchFiniteDifferences() {
        INDArray[] projections = {gaussian(2, 3, 5).muli(0.5), gaussian(2, 3, 5).muli(0.5), gaussian(2, 3, 5).muli(0.5)};
        INDArray[] gradients = {Nd4j.zeros(DataType.FLOAT, 2, 3, 5), Nd4j.zeros(DataType.FLOAT, 2, 3, 5),
            Nd4j.zeros(DataType.FLOAT, 2, 3, 5)};
        INDArray out = gaussian(6, 4).muli(0.5);
        INDArray outGradient = Nd4j.zeros(DataType.FLOAT, 6, 4);
        LeanSelfAttention attention = new LeanSelfAttention(projections, gradients, out, outGradient);
        INDArray x = gaussian(2, 5, 7);
        check(attention, x, null, null);
        for (int i = 0; i < 3; i++) {
            check(attention, x, projections[i], gradients[i]);
        }
        check(attention, x, out, outGradient);
    }

    @Test
    void poolingGradientsMatchFiniteDifferencesWithAndWithoutRelu() {
        for (boolean relu : new boolean[] {false, true}) {
            check(new LeanMaxPool(4, relu), gaussian(2, 3, 18), null, null);
            check(new LeanGlobalMax(relu), gaussian(2, 3, 18), null, null);
        }
    }

    @Test
    void batchNormGradientsOfInputGammaAndBetaMatchFiniteDifferencesWithBatchStatisticsWithAndWithoutSilu() {
        for (long[] shape : new long[][] {{5, 3, 7}, {6, 4}, {4, 3, 7, 1}}) {
            for (boolean silu : new boolean[] {false, true}) {
            long channels = shape[1];
            INDArray gamma = gaussian(1, channels).addi(1);
            INDArray beta = gaussian(1, channels);
            INDArray gammaGradient = Nd4j.zeros(DataType.FLOAT, 1, channels);
            INDArray betaGradient = Nd4j.zeros(DataType.FLOAT, 1, channels);
            LeanBatchNorm bn = new LeanBatchNorm(gamma, beta, Nd4j.zeros(DataType.FLOAT, 1, channels),
                    Nd4j.ones(DataType.FLOAT, 1, channels), gammaGradient, betaGradient, 1e-5, 0.9, silu, new TwinSums(1), 0,
                    new NdBuffers.Scratch());
            INDArray x = gaussian(shape).muli(2).addi(1);
            check(bn, x, null, null);
            check(bn, x, gamma, gammaGradient);
            check(bn, x, beta, betaGradient);
            }
        }
    }

    @Test
    void depthwiseConvolutionGradientsOfInputAndWeightsMatchFiniteDifferences() {
        INDArray weight = gaussian(3, 1, 5, 1);
        INDArray weightGradient = Nd4j.zeros(DataType.FLOAT, 3, 1, 5, 1);
        LeanDepthwise depthwise = new LeanDepthwise(weight, weightGradient, new NdBuffers.Scratch());
        INDArray x = gaussian(2, 5, 11, 1);
        check(depthwise, x, null, null);
        check(depthwise, x, weight, weightGradient);
    }

    @Test
    void averagePoolingAndSmoothActivationsMatchFiniteDifferences() {
        check(new LeanGlobalAverage(), gaussian(3, 4, 9), null, null);
        check(new LeanActivationLayer(LeanActivation.SWISH), gaussian(3, 4, 9), null, null);
        check(new LeanActivationLayer(LeanActivation.SIGMOID), gaussian(3, 4, 9), null, null);
    }

    /** A two-input vertex's gradients against finite differences of sum(output x r), for each input. */
    private void checkVertex(LeanVertex vertex, INDArray... inputs) {
        INDArray r = gaussian(vertex.forward(dups(inputs), true).shape());
        INDArray[] computed = vertex.backward(r.dup(), new boolean[] {true, true});
        for (int i = 0; i < inputs.length; i++) {
            INDArray flat = inputs[i].reshape(-1);
            INDArray flatComputed = computed[i].dup('c').reshape(-1);
            for (int c = 0; c < CHECKS; c++) {
                long k = random.nextInt((int) flat.length());
                float original = flat.getFloat(k);
                flat.putScalar(k, original + EPS);
                double plus = vertex.forward(dups(inputs), true).castTo(DataType.DOUBLE).mul(r.castTo(DataType.DOUBLE)).sumNumber().doubleValue();
                flat.putScalar(k, original - EPS);
                double minus = vertex.forward(dups(inputs), true).castTo(DataType.DOUBLE).mul(r.castTo(DataType.DOUBLE)).sumNumber().doubleValue();
                flat.putScalar(k, original);
                assertThat(flatComputed.getDouble(k)).as("input %d coordinate %d", i, k).isCloseTo((plus - minus) / (2 * EPS), within(TOLERANCE));
            }
        }
    }

    private static INDArray[] dups(INDArray[] arrays) {
        return java.util.Arrays.stream(arrays).map(INDArray::dup).toArray(INDArray[]::new);
    }

    @Test
    void concatenationAndGatedProductsMatchFiniteDifferences() {
        checkVertex(new LeanConcat(), gaussian(2, 3, 8), gaussian(2, 5, 8));
        checkVertex(new LeanProduct(), gaussian(2, 3, 8), gaussian(2, 3, 8));
        checkVertex(new LeanProduct(), gaussian(2, 3), gaussian(2, 3, 8));
    }

    @Test
    void dropoutScalesKeptActivationsAndPassesTheGradientThroughTheSameMask() {
        LeanDropout dropout = new LeanDropout(0.8, Nd4j.getRandomFactory().getNewRandomInstance(3));
        INDArray x = gaussian(50, 40).addi(10);
        INDArray out = dropout.forward(x, true);
        INDArray mask = out.div(x);
        double kept = mask.gt(0).castTo(DataType.DOUBLE).meanNumber().doubleValue();
        assertThat(kept).isCloseTo(0.8, within(0.03));
        assertThat(mask.maxNumber().doubleValue()).isCloseTo(1 / 0.8, within(1e-5));
        INDArray r = gaussian(50, 40);
        assertThat(LeanTesting.maxDifference(dropout.backward(r.dup(), true), r.mul(mask))).isLessThan(1e-5);
        assertThat(dropout.forward(x, false)).isSameAs(x);
    }
}
