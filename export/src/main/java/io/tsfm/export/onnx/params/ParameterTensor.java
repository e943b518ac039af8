package io.tsfm.export.onnx.params;

import java.util.Arrays;

/**
 * A float32 parameter as exported from a trained model: row-major values and their shape. The data array is shared,
 * not copied; treat it as read-only. Immutable by convention and therefore thread-safe.
 */
public final class ParameterTensor {

    private final float[] data;
    private final long[] shape;

    /**
     * A tensor of {@code shape} over {@code data}.
     *
     * @throws IllegalArgumentException if the element count does not match the shape
     */
    public ParameterTensor(float[] data, long... shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got "
                    + data.length);
        }
        this.data = data;
        this.shape = shape.clone();
    }

    /** The row-major values (shared; do not modify). */
    public float[] data() {
        return data;
    }

    /** A copy of the shape. */
    public long[] shape() {
        return shape.clone();
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** Size of dimension {@code i}. */
    public long size(int i) {
        return shape[i];
    }

    /** Whether the shape equals {@code expected}. */
    public boolean hasShape(long... expected) {
        return Arrays.equals(shape, expected);
    }

    /** The same values viewed with another shape of equal element count. */
    public ParameterTensor reshape(long... newShape) {
        return new ParameterTensor(data, newShape);
    }

    /** Rows {@code [from, to)} of the first axis, copied. */
    public ParameterTensor rows(long from, long to) {
        if (shape.length == 0 || from < 0 || to > shape[0] || from > to) {
            throw new IllegalArgumentException("rows [" + from + ", " + to + ") out of shape "
                    + Arrays.toString(shape));
        }
        int rowSize = shape[0] == 0 ? 0 : (int) (data.length / shape[0]);
        long[] s = shape.clone();
        s[0] = to - from;
        return new ParameterTensor(Arrays.copyOfRange(data, (int) from * rowSize, (int) to * rowSize), s);
    }

    /** The transpose of a matrix, copied: {@code (r, c) → (c, r)}. */
    public ParameterTensor transpose2d() {
        if (shape.length != 2) {
            throw new IllegalArgumentException("transpose2d needs a matrix, got shape " + Arrays.toString(shape));
        }
        int r = (int) shape[0];
        int c = (int) shape[1];
        float[] t = new float[data.length];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                t[j * r + i] = data[i * c + j];
            }
        }
        return new ParameterTensor(t, c, r);
    }

    @Override
    public String toString() {
        return "ParameterTensor" + Arrays.toString(shape);
    }
}
