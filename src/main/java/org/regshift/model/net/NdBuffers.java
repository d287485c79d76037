package org.regshift.model.net;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Bulk access to the native memory of ND4J arrays, and the Java arrays a layer reuses from batch to batch. */
public final class NdBuffers {
    private NdBuffers() {
    }

    /**
     * The values of a float array to read, as a buffer on its native memory: a view whose values lie
     * in row-major order one after the other (a reshape) is read in place, other views are copied first.
     */
    public static FloatBuffer floats(INDArray array) {
        INDArray a = array.ordering() == 'c' && array.elementWiseStride() == 1 ? array : array.dup('c');
        FloatBuffer all = a.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
        return all.position((int) a.offset()).slice().limit((int) a.length());
    }

    /** The native memory of a new float array, to write. */
    public static FloatBuffer writable(INDArray fresh) {
        if (contiguous(fresh) != fresh) {
            throw new IllegalArgumentException("not a whole contiguous array");
        }
        return floats(fresh);
    }

    /** The values of a long array to read, as a buffer on its native memory (a copy first if it is not contiguous). */
    public static LongBuffer longs(INDArray array) {
        return contiguous(array).data().asNio().order(ByteOrder.nativeOrder()).asLongBuffer();
    }

    /** {@code array} if it is a whole row-major array, else a row-major copy. */
    public static INDArray contiguous(INDArray array) {
        return array.ordering() == 'c' && array.elementWiseStride() == 1 && !array.isView() ? array : array.dup('c');
    }

    /** Java arrays a layer, or the layers of one twin in turn, reuse from batch to batch. */
    public static final class Scratch {
        private final float[][] floats = new float[4][];
        private long[] longs;

        /** An array of exactly {@code length}. */
        public float[] floats(int slot, int length) {
            if (floats[slot] == null || floats[slot].length != length) {
                floats[slot] = new float[length];
            }
            return floats[slot];
        }

        /** An array of at least {@code length}, for layers of different sizes that share the slot. */
        public float[] atLeast(int slot, int length) {
            if (floats[slot] == null || floats[slot].length < length) {
                floats[slot] = new float[length];
            }
            return floats[slot];
        }

        public long[] longs(int length) {
            if (longs == null || longs.length != length) {
                longs = new long[length];
            }
            return longs;
        }
    }
}
