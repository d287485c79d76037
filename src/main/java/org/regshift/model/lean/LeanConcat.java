package org.regshift.model.lean;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Concatenation along the channels (DL4J's MergeVertex): the gradient splits back into the inputs' parts. */
final class LeanConcat implements LeanVertex {
    private long[] widths;

    @Override
    public INDArray forward(INDArray[] inputs, boolean training) {
        widths = new long[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            widths[i] = inputs[i].size(1);
        }
        return Nd4j.concat(1, inputs);
    }

    @Override
    public INDArray[] backward(INDArray outputGradient, boolean[] needed) {
        INDArray[] parts = new INDArray[widths.length];
        long from = 0;
        for (int i = 0; i < widths.length; i++) {
            if (needed[i]) {
                INDArrayIndex[] index = new INDArrayIndex[outputGradient.rank()];
                java.util.Arrays.fill(index, NDArrayIndex.all());
                index[1] = NDArrayIndex.interval(from, from + widths[i]);
                parts[i] = outputGradient.get(index).dup('c');
            }
            from += widths[i];
        }
        return parts;
    }
}
