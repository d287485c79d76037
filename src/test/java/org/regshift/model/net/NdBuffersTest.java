package org.regshift.model.net;

import static org.assertj.core.api.Assertions.assertThat;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Reading arrays' native memory gives their values in row-major order, for whole arrays and views alike. */
class NdBuffersTest {
    private static float[] read(INDArray a) {
        float[] values = new float[(int) a.length()];
        NdBuffers.floats(a).get(values);
        return values;
    }

    @Test
    void readsWholeArraysReshapesRowSlicesAndStridedViewsInRowMajorOrder() {
        INDArray x = Nd4j.arange(24).castTo(DataType.FLOAT).reshape('c', 4, 3, 2);
        assertThat(read(x)).containsExactly(x.dup('c').reshape(-1).toFloatVector());
        INDArray reshaped = x.reshape('c', 4, 3, 2, 1);
        assertThat(read(reshaped)).containsExactly(x.reshape(-1).toFloatVector());
        INDArray rows = x.get(NDArrayIndex.interval(1, 3));
        assertThat(read(rows)).containsExactly(rows.dup('c').reshape(-1).toFloatVector());
        assertThat(read(rows)[0]).isEqualTo(6f);
        INDArray strided = x.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 2));
        assertThat(read(strided)).containsExactly(strided.dup('c').reshape(-1).toFloatVector());
        assertThat(NdBuffers.floats(rows).remaining()).isEqualTo(12);
    }
}
