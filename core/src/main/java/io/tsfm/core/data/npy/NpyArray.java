package io.tsfm.core.data.npy;

import io.tsfm.core.annotation.Internal;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One numeric NumPy array as stored in a {@code .npy} file: its dtype, shape and raw little- or
 * big-endian bytes. Values are read through the accessors, which always index in C (row-major) order
 * whatever the file's {@code fortran_order}. Immutable and thread-safe.
 */
@Internal
public final class NpyArray {
    private final NpyDtype dtype;
    private final int[] shape;
    private final boolean fortranOrder;
    private final ByteBuffer data;
    private final int size;

    NpyArray(NpyDtype dtype, int[] shape, boolean fortranOrder, ByteBuffer data) {
        this.dtype = dtype;
        this.shape = shape.clone();
        this.fortranOrder = fortranOrder;
        this.data = data.asReadOnlyBuffer().order(dtype.order());
        this.size = sizeOf(shape);
    }

    static int sizeOf(int[] shape) {
        long n = 1;
        for (int d : shape) n *= d;
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("array of " + n + " elements is too large");
        return (int) n;
    }

    public NpyDtype dtype() { return dtype; }

    /** The shape; a 0-d array has an empty shape and one element. */
    public int[] shape() { return shape.clone(); }

    public int ndim() { return shape.length; }

    /** Extent of dimension {@code d}. */
    public int dim(int d) { return shape[d]; }

    /** Number of elements. */
    public int size() { return size; }

    /** True when the file stored the data in Fortran (column-major) order. */
    public boolean fortranOrder() { return fortranOrder; }

    /** Element at C-order flat position {@code i}, as a double (64-bit integers above 2^53 lose precision). */
    public double getDouble(int i) {
        return dtype.read(data, storageIndex(i));
    }

    /** All elements in C order, as doubles. */
    public double[] toDoubleArray() {
        double[] out = new double[size];
        if (!fortranOrder && dtype.kind() == 'f' && dtype.itemSize() == 8) {
            data.duplicate().order(dtype.order()).asDoubleBuffer().get(out);
            return out;
        }
        for (int i = 0; i < size; i++) out[i] = getDouble(i);
        return out;
    }

    /** All elements in C order, rounded to floats. */
    public float[] toFloatArray() {
        float[] out = new float[size];
        for (int i = 0; i < size; i++) out[i] = (float) getDouble(i);
        return out;
    }

    /** Maps a C-order flat index to the position of that element in the stored bytes. */
    private int storageIndex(int cIndex) {
        if (!fortranOrder || shape.length < 2) return cIndex;
        // decompose in C order (last axis fastest), recompose in Fortran order (first axis fastest)
        int rem = cIndex;
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = rem % shape[d];
            rem /= shape[d];
        }
        int f = 0;
        for (int d = shape.length - 1; d >= 0; d--) f = f * shape[d] + idx[d];
        return f;
    }

    @Override
    public String toString() {
        return "NpyArray[" + dtype + ", shape " + Arrays.toString(shape) + (fortranOrder ? ", fortran" : "") + "]";
    }
}
