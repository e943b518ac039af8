package io.tsfm.training.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * MoCo-style FIFO queue of past IMU and label-bank rows used as extra InfoNCE negatives (spec §4.3).
 *
 * <p>Two {@code (Q, E)} tables, a write pointer and a full flag. {@link #push} writes detached rows at the pointer
 * with wrap-around; a push of ≥ Q rows keeps its last Q. Before the queue is full only the filled part is returned.
 * Pushing a non-finite (NaN/∞) or zero-norm row is an error and leaves the bank unchanged. Rows are kept in host
 * memory (the state checkpoints as plain floats) and uploaded by {@link #queue}. Not thread-safe.
 */
public final class MemoryBank {

    /** Rows with an L2 norm at or below this count as zero. */
    public static final double ZERO_NORM = 1e-12;

    private final int capacity;
    private final int dim;
    private final float[] imu;
    private final float[] text;
    private int pointer;
    private boolean full;

    /** An empty bank of {@code capacity} rows of width {@code dim}. */
    public MemoryBank(int capacity, int dim) {
        if (capacity <= 0 || dim <= 0) {
            throw new IllegalArgumentException("memory bank needs positive capacity and dim, got " + capacity + " x "
                    + dim);
        }
        this.capacity = capacity;
        this.dim = dim;
        this.imu = new float[capacity * dim];
        this.text = new float[capacity * dim];
    }

    /** Capacity Q. */
    public int capacity() {
        return capacity;
    }

    /** Row width E. */
    public int dim() {
        return dim;
    }

    /** Rows currently usable as negatives. */
    public int size() {
        return full ? capacity : pointer;
    }

    /** Whether every slot has been written at least once. */
    public boolean isFull() {
        return full;
    }

    /** Slot the next pushed row goes to. */
    public int pointer() {
        return pointer;
    }

    /** Pushes {@code (N, E)} IMU and label rows (values are copied; gradients are not tracked). */
    public void push(NDArray imuRows, NDArray textRows) {
        Shape s = imuRows.getShape();
        if (s.dimension() != 2 || s.get(1) != dim || !textRows.getShape().equals(s)) {
            throw new IllegalArgumentException("memory bank push needs two (N, " + dim + ") arrays, got imu "
                    + s + " and text " + textRows.getShape());
        }
        push(imuRows.toType(DataType.FLOAT32, false).toFloatArray(),
                textRows.toType(DataType.FLOAT32, false).toFloatArray());
    }

    /** Pushes row-major {@code (N, E)} rows given as flat arrays of equal length. */
    public void push(float[] imuRows, float[] textRows) {
        if (imuRows.length != textRows.length || imuRows.length % dim != 0) {
            throw new IllegalArgumentException("memory bank push needs equal row-major (N, " + dim
                    + ") arrays, got lengths " + imuRows.length + " and " + textRows.length);
        }
        int n = imuRows.length / dim;
        checkRows("imu", imuRows, n);
        checkRows("text", textRows, n);
        int first = Math.max(0, n - capacity);
        for (int r = first; r < n; r++) {
            System.arraycopy(imuRows, r * dim, imu, pointer * dim, dim);
            System.arraycopy(textRows, r * dim, text, pointer * dim, dim);
            pointer++;
            if (pointer == capacity) {
                pointer = 0;
                full = true;
            }
        }
    }

    private void checkRows(String which, float[] rows, int n) {
        for (int r = 0; r < n; r++) {
            double sq = 0;
            for (int j = 0; j < dim; j++) {
                float v = rows[r * dim + j];
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("memory bank push: " + which + " row " + r + " of " + n
                            + " has a non-finite value (" + v + ") at column " + j);
                }
                sq += (double) v * v;
            }
            if (Math.sqrt(sq) <= ZERO_NORM) {
                throw new IllegalArgumentException("memory bank push: " + which + " row " + r + " of " + n
                        + " has zero norm");
            }
        }
    }

    /**
     * The usable rows as {@code (size, E)} IMU and label arrays created on {@code manager} (size may be 0), in
     * slot order.
     */
    public NDList queue(NDManager manager) {
        int rows = size();
        float[] u = new float[rows * dim];
        float[] t = new float[rows * dim];
        System.arraycopy(imu, 0, u, 0, u.length);
        System.arraycopy(text, 0, t, 0, t.length);
        Shape shape = new Shape(rows, dim);
        return new NDList(manager.create(u, shape), manager.create(t, shape));
    }

    /** A copy of the full state, for checkpoints. */
    public Snapshot snapshot() {
        return new Snapshot(capacity, dim, pointer, full, imu.clone(), text.clone());
    }

    /** Restores a state taken from a bank of the same capacity and width. */
    public void restore(Snapshot state) {
        if (state.capacity() != capacity || state.dim() != dim || state.imu().length != imu.length
                || state.text().length != text.length || state.pointer() < 0 || state.pointer() >= capacity) {
            throw new IllegalArgumentException("memory bank snapshot " + state.capacity() + " x " + state.dim()
                    + " (pointer " + state.pointer() + ") does not fit a bank of " + capacity + " x " + dim);
        }
        System.arraycopy(state.imu(), 0, imu, 0, imu.length);
        System.arraycopy(state.text(), 0, text, 0, text.length);
        pointer = state.pointer();
        full = state.full();
    }

    /** Serializable bank state: row-major {@code (capacity, dim)} tables, pointer and full flag. */
    public record Snapshot(int capacity, int dim, int pointer, boolean full, float[] imu, float[] text) {}
}
