package org.regshift.model.lean;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.regshift.model.net.NdBuffers;

/**
 * DL4J's bidirectional LSTM with concatenated outputs on [batch, channels, length] (NCW): the
 * forward direction's hidden states are the first half of the output channels at each position,
 * the backward direction's (run from the last position to the first) the second half.
 */
final class LeanBiLstm implements LeanLayer {
    private final LeanLstm forwards;
    private final LeanLstm backwards;
    private long[] inputShape;

    LeanBiLstm(LeanLstm forwards, LeanLstm backwards) {
        this.forwards = forwards;
        this.backwards = backwards;
    }

    @Override
    public INDArray forward(INDArray in, boolean training) {
        inputShape = in.shape();
        int batch = (int) in.size(0);
        int length = (int) in.size(2);
        INDArray rows = in.permute(0, 2, 1).dup('c').reshape(batch * (long) length, in.size(1));
        int h = forwards.units();
        INDArray output = Nd4j.createUninitialized(DataType.FLOAT, batch, 2L * h, length);
        FloatBuffer out = NdBuffers.writable(output);
        float[][] directions = {forwards.forward(rows, batch, length), backwards.forward(rows, batch, length)};
        float[] row = new float[2 * h * length];
        for (int b = 0; b < batch; b++) {
            for (int d = 0; d < 2; d++) {
                for (int t = 0; t < length; t++) {
                    for (int j = 0; j < h; j++) {
                        row[(d * h + j) * length + t] = directions[d][(b * length + t) * h + j];
                    }
                }
            }
            out.put(b * row.length, row);
        }
        return output;
    }

    @Override
    public INDArray backward(INDArray outputGradient, boolean inputGradient) {
        int batch = (int) inputShape[0];
        int length = (int) inputShape[2];
        int h = forwards.units();
        FloatBuffer gradient = NdBuffers.floats(outputGradient);
        float[][] directions = {new float[batch * length * h], new float[batch * length * h]};
        float[] row = new float[2 * h * length];
        for (int b = 0; b < batch; b++) {
            gradient.get(b * row.length, row);
            for (int d = 0; d < 2; d++) {
                for (int t = 0; t < length; t++) {
                    for (int j = 0; j < h; j++) {
                        directions[d][(b * length + t) * h + j] = row[(d * h + j) * length + t];
                    }
                }
            }
        }
        INDArray forwardRows = forwards.backward(directions[0], inputGradient);
        INDArray backwardRows = backwards.backward(directions[1], inputGradient);
        if (!inputGradient) {
            return null;
        }
        return forwardRows.addi(backwardRows).reshape(batch, length, inputShape[1]).permute(0, 2, 1).dup('c');
    }
}
