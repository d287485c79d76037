package org.regshift.model.lean;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.regshift.model.net.NdBuffers;

/**
 * One direction of DL4J's LSTM (no peepholes, tanh cell input and output, sigmoid gates) over
 * positions in order or, for {@code reverse}, from the last to the first. DL4J's parameters: W
 * [in, 4 units] and RW [units, 4 units] with the gates in its column order (cell input, forget,
 * output, input), b [1, 4 units]. The inputs' products with W are one matrix product over all
 * positions; the recurrence runs in Java loops over [sequence][position][gate] arrays, since its
 * products are too small for a native call per position to pay.
 */
final class LeanLstm {
    private final LeanParameters p;
    private final INDArray recurrent;
    private final INDArray recurrentGradient;
    private final boolean reverse;
    private INDArray rows;
    private INDArray weight;
    private float[] rw;
    private float[] gates;
    private float[] cells;
    private float[] hidden;
    private int batch;
    private int length;

    LeanLstm(LeanParameters p, INDArray recurrent, INDArray recurrentGradient, boolean reverse) {
        this.p = p;
        this.recurrent = recurrent;
        this.recurrentGradient = recurrentGradient;
        this.reverse = reverse;
    }

    int units() {
        return (int) recurrent.size(0);
    }

    /** The position of step {@code s}. */
    private int position(int s) {
        return reverse ? length - 1 - s : s;
    }

    /**
     * Runs over {@code rows}, the input as [batch x length, in] (sequence-major), and returns the
     * hidden states as [sequence][position][unit].
     */
    float[] forward(INDArray rows, int batch, int length) {
        this.rows = rows;
        this.batch = batch;
        this.length = length;
        int h = units();
        int g4 = 4 * h;
        weight = p.weight().dup('c');
        INDArray projected = Nd4j.gemm(rows, weight, false, false).addiRowVector(p.bias());
        gates = new float[batch * length * g4];
        NdBuffers.floats(projected).get(gates);
        rw = new float[h * g4];
        NdBuffers.floats(recurrent).get(rw);
        cells = new float[batch * length * h];
        hidden = new float[batch * length * h];
        for (int b = 0; b < batch; b++) {
            int previous = -1;
            for (int s = 0; s < length; s++) {
                int t = b * length + position(s);
                int g = t * g4;
                if (previous >= 0) {
                    for (int k = 0; k < h; k++) {
                        float hk = hidden[previous * h + k];
                        for (int j = 0; j < g4; j++) {
                            gates[g + j] += hk * rw[k * g4 + j];
                        }
                    }
                }
                for (int j = 0; j < h; j++) {
                    float z = (float) Math.tanh(gates[g + j]);
                    float f = Sigmoids.sigmoid(gates[g + h + j]);
                    float o = Sigmoids.sigmoid(gates[g + 2 * h + j]);
                    float i = Sigmoids.sigmoid(gates[g + 3 * h + j]);
                    gates[g + j] = z;
                    gates[g + h + j] = f;
                    gates[g + 2 * h + j] = o;
                    gates[g + 3 * h + j] = i;
                    float c = i * z + (previous >= 0 ? f * cells[previous * h + j] : 0f);
                    cells[t * h + j] = c;
                    hidden[t * h + j] = o * (float) Math.tanh(c);
                }
                previous = t;
            }
        }
        return hidden;
    }

    /**
     * Backpropagates {@code hiddenGradient} ([sequence][position][unit]) through time, writes the
     * parameter gradients and returns the gradient of the input rows (null unless {@code inputGradient}).
     */
    INDArray backward(float[] hiddenGradient, boolean inputGradient) {
        int h = units();
        int g4 = 4 * h;
        float[] delta = new float[batch * length * g4];
        float[] previousHidden = new float[batch * length * h];
        float[] dh = new float[h];
        float[] dc = new float[h];
        for (int b = 0; b < batch; b++) {
            java.util.Arrays.fill(dh, 0f);
            java.util.Arrays.fill(dc, 0f);
            for (int s = length - 1; s >= 0; s--) {
                int t = b * length + position(s);
                int previous = s > 0 ? b * length + position(s - 1) : -1;
                int g = t * g4;
                for (int j = 0; j < h; j++) {
                    float z = gates[g + j];
                    float f = gates[g + h + j];
                    float o = gates[g + 2 * h + j];
                    float i = gates[g + 3 * h + j];
                    float tanhC = (float) Math.tanh(cells[t * h + j]);
                    float dhj = dh[j] + hiddenGradient[t * h + j];
                    float dcj = dc[j] + dhj * o * (1 - tanhC * tanhC);
                    float cPrevious = previous >= 0 ? cells[previous * h + j] : 0f;
                    delta[g + j] = dcj * i * (1 - z * z);
                    delta[g + h + j] = dcj * cPrevious * f * (1 - f);
                    delta[g + 2 * h + j] = dhj * tanhC * o * (1 - o);
                    delta[g + 3 * h + j] = dcj * z * i * (1 - i);
                    dc[j] = dcj * f;
                    if (previous >= 0) {
                        previousHidden[t * h + j] = hidden[previous * h + j];
                    }
                }
                for (int k = 0; k < h; k++) {
                    dh[k] = previous >= 0 ? (float) Runs.dot(delta, g, g + g4, rw, k * g4 - g) : 0f;
                }
            }
        }
        INDArray deltas = Nd4j.create(delta, new long[] {(long) batch * length, g4}, 'c');
        p.weightGradient().assign(Nd4j.gemm(rows, deltas, true, false));
        p.biasGradient().assign(deltas.sum(0).reshape(p.biasGradient().shape()));
        INDArray before = Nd4j.create(previousHidden, new long[] {(long) batch * length, h}, 'c');
        recurrentGradient.assign(Nd4j.gemm(before, deltas, true, false));
        return inputGradient ? Nd4j.gemm(deltas, weight, false, true) : null;
    }
}
