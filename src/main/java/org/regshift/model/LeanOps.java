package org.regshift.model;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/** The libnd4j operations the lean layers share. */
final class LeanOps {
    private LeanOps() {
    }

    /** ReLU in place. */
    static INDArray relu(INDArray x) {
        Nd4j.exec(DynamicCustomOp.builder("relu").addInputs(x).addOutputs(x).addFloatingPointArguments(0.0).build());
        return x;
    }

    /** The gradient through a ReLU whose output was {@code output}, in place in {@code gradient}. */
    static INDArray reluBackward(INDArray output, INDArray gradient) {
        Nd4j.exec(DynamicCustomOp.builder("relu_bp").addInputs(output, gradient).addOutputs(gradient)
                .addFloatingPointArguments(0.0).build());
        return gradient;
    }

    /** The values of a float array to read, as a buffer on its native memory (a copy first if it is not contiguous). */
    static FloatBuffer floats(INDArray array) {
        return contiguous(array).data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** The native memory of a new float array, to write. */
    static FloatBuffer writable(INDArray fresh) {
        if (contiguous(fresh) != fresh) {
            throw new IllegalArgumentException("not a whole contiguous array");
        }
        return floats(fresh);
    }

    /** The values of a long array to read, as a buffer on its native memory (a copy first if it is not contiguous). */
    static LongBuffer longs(INDArray array) {
        return contiguous(array).data().asNio().order(ByteOrder.nativeOrder()).asLongBuffer();
    }

    private static INDArray contiguous(INDArray array) {
        return array.ordering() == 'c' && array.elementWiseStride() == 1 && !array.isView() ? array : array.dup('c');
    }

    /** Java arrays a layer reuses from batch to batch (each twin has its own layers). */
    static final class Scratch {
        private final float[][] floats = new float[3][];
        private long[] longs;

        float[] floats(int slot, int length) {
            if (floats[slot] == null || floats[slot].length != length) {
                floats[slot] = new float[length];
            }
            return floats[slot];
        }

        long[] longs(int length) {
            if (longs == null || longs.length != length) {
                longs = new long[length];
            }
            return longs;
        }
    }
}
