package org.regshift.model.lean;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.regshift.model.net.NdBuffers;

/**
 * DL4J's self-attention layer with projected inputs on [batch, channels, length] (NCW), as libnd4j's
 * multi-head dot-product attention computes it: per head, queries, keys and values are the
 * projections Wq, Wk, Wv [heads, size, in] of each position, the weights of a query are the softmax
 * over the keys of their scaled dot products, and the heads' weighted values, concatenated, are
 * projected by Wo [heads x size, out]; no biases. The projections are matrix products over all
 * positions of the batch; the attention itself, small matrices per sequence and head, runs in
 * Java loops.
 */
final class LeanSelfAttention implements LeanLayer {
    private final INDArray[] projections;
    private final INDArray[] projectionGradients;
    private final INDArray out;
    private final INDArray outGradient;
    private final int heads;
    private INDArray rows;
    private INDArray[] weights;
    private float[][] qkv;
    private float[] attention;
    private INDArray attended;
    private INDArray outWeight;
    private int batch;
    private int length;

    /** {@code projections} and their gradients: Wq, Wk, Wv as [heads, size, in]. */
    LeanSelfAttention(INDArray[] projections, INDArray[] projectionGradients, INDArray out, INDArray outGradient) {
        this.projections = projections;
        this.projectionGradients = projectionGradients;
        this.out = out;
        this.outGradient = outGradient;
        this.heads = (int) projections[0].size(0);
    }

    @Override
    public INDArray forward(INDArray input, boolean training) {
        batch = (int) input.size(0);
        length = (int) input.size(2);
        rows = input.permute(0, 2, 1).dup('c').reshape((long) batch * length, input.size(1));
        weights = new INDArray[3];
        qkv = new float[3][];
        for (int i = 0; i < 3; i++) {
            weights[i] = projections[i].dup('c').reshape(-1, input.size(1));
            qkv[i] = new float[batch * length * (int) weights[i].size(0)];
            NdBuffers.floats(Nd4j.gemm(rows, weights[i], false, true)).get(qkv[i]);
        }
        int width = (int) weights[0].size(0);
        int size = width / heads;
        float scale = (float) (1 / Math.sqrt(size));
        float[] result = new float[batch * length * width];
        attention = new float[batch * heads * length * length];
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                int a = (b * heads + h) * length * length;
                int column = h * size;
                for (int q = 0; q < length; q++) {
                    int qRow = (b * length + q) * width + column;
                    float max = Float.NEGATIVE_INFINITY;
                    for (int k = 0; k < length; k++) {
                        float s = scale * (float) Runs.dot(qkv[1], (b * length + k) * width + column,
                                (b * length + k) * width + column + size, qkv[0], qRow - (b * length + k) * width - column);
                        attention[a + q * length + k] = s;
                        max = Math.max(max, s);
                    }
                    float total = 0;
                    for (int k = 0; k < length; k++) {
                        float e = (float) Math.exp(attention[a + q * length + k] - max);
                        attention[a + q * length + k] = e;
                        total += e;
                    }
                    for (int k = 0; k < length; k++) {
                        float w = attention[a + q * length + k] / total;
                        attention[a + q * length + k] = w;
                        int vRow = (b * length + k) * width + column;
                        for (int i = 0; i < size; i++) {
                            result[qRow + i] += w * qkv[2][vRow + i];
                        }
                    }
                }
            }
        }
        attended = Nd4j.create(result, new long[] {(long) batch * length, width}, 'c');
        outWeight = out.dup('c');
        INDArray projected = Nd4j.gemm(attended, outWeight, false, false);
        return projected.reshape(batch, length, out.size(1)).permute(0, 2, 1).dup('c');
    }

    @Override
    public INDArray backward(INDArray outputGradient, boolean inputGradient) {
        INDArray gradientRows = outputGradient.permute(0, 2, 1).dup('c').reshape((long) batch * length, out.size(1));
        outGradient.assign(Nd4j.gemm(attended, gradientRows, true, false));
        int width = (int) attended.size(1);
        int size = width / heads;
        float scale = (float) (1 / Math.sqrt(size));
        float[] dResult = new float[batch * length * width];
        NdBuffers.floats(Nd4j.gemm(gradientRows, outWeight, false, true)).get(dResult);
        float[][] d = {new float[dResult.length], new float[dResult.length], new float[dResult.length]};
        float[] dScores = new float[length];
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                int a = (b * heads + h) * length * length;
                int column = h * size;
                for (int q = 0; q < length; q++) {
                    int qRow = (b * length + q) * width + column;
                    float weighted = 0;
                    for (int k = 0; k < length; k++) {
                        int vRow = (b * length + k) * width + column;
                        float w = attention[a + q * length + k];
                        float dw = (float) Runs.dot(dResult, qRow, qRow + size, qkv[2], vRow - qRow);
                        for (int i = 0; i < size; i++) {
                            d[2][vRow + i] += w * dResult[qRow + i];
                        }
                        dScores[k] = dw;
                        weighted += w * dw;
                    }
                    for (int k = 0; k < length; k++) {
                        int kRow = (b * length + k) * width + column;
                        float ds = scale * attention[a + q * length + k] * (dScores[k] - weighted);
                        for (int i = 0; i < size; i++) {
                            d[0][qRow + i] += ds * qkv[1][kRow + i];
                            d[1][kRow + i] += ds * qkv[0][qRow + i];
                        }
                    }
                }
            }
        }
        INDArray inputRows = null;
        for (int i = 0; i < 3; i++) {
            INDArray delta = Nd4j.create(d[i], new long[] {(long) batch * length, width}, 'c');
            projectionGradients[i].assign(Nd4j.gemm(delta, rows, true, false).reshape(projectionGradients[i].shape()));
            if (inputGradient) {
                INDArray part = Nd4j.gemm(delta, weights[i], false, false);
                inputRows = inputRows == null ? part : inputRows.addi(part);
            }
        }
        return inputRows == null ? null : inputRows.reshape(batch, length, rows.size(1)).permute(0, 2, 1).dup('c');
    }
}
