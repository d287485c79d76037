package org.regshift.model.lean;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
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
        long[] shape = {batch, length, forwards.units()};
        INDArray both = Nd4j.concat(2, Nd4j.create(forwards.forward(rows, batch, length), shape, 'c'),
                Nd4j.create(backwards.forward(rows, batch, length), shape, 'c'));
        return both.permute(0, 2, 1).dup('c');
    }

    @Override
    public INDArray backward(INDArray outputGradient, boolean inputGradient) {
        int h = forwards.units();
        INDArray both = outputGradient.permute(0, 2, 1);
        INDArray forwardRows = forwards.backward(direction(both, 0, h), inputGradient);
        INDArray backwardRows = backwards.backward(direction(both, h, 2 * h), inputGradient);
        if (!inputGradient) {
            return null;
        }
        return forwardRows.addi(backwardRows).reshape(inputShape[0], inputShape[2], inputShape[1]).permute(0, 2, 1).dup('c');
    }

    /** Channels [from, to) of [batch, length, channels] as [sequence][position][unit]. */
    private static float[] direction(INDArray both, int from, int to) {
        INDArray part = both.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(from, to));
        float[] values = new float[(int) part.length()];
        NdBuffers.floats(part).get(values);
        return values;
    }
}
