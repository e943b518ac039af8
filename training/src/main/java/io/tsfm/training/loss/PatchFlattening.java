package io.tsfm.training.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Per-patch flattening for per-patch tiers (spec §4.2): the valid rows of {@code (B, P, E)} in row-major
 * (sample, patch) order become the {@code (N, E)} rows of the contrastive loss and of the memory bank; each row
 * inherits its sample's label. Stateless and thread-safe.
 */
public final class PatchFlattening {

    private PatchFlattening() {}

    /** Valid rows of {@code embeddings (B, P, E)} under {@code patchMask (B, P)} → {@code (N, E)}. */
    public static NDArray validRows(NDArray embeddings, NDArray patchMask) {
        Shape s = embeddings.getShape();
        if (s.dimension() != 3 || !patchMask.getShape().equals(new Shape(s.get(0), s.get(1)))
                || patchMask.getDataType() != DataType.BOOLEAN) {
            throw new IllegalArgumentException("per-patch flattening needs (B, P, E) embeddings and a (B, P) boolean "
                    + "mask, got " + s + " and " + patchMask.getDataType() + " " + patchMask.getShape());
        }
        return embeddings.get(patchMask);
    }

    /** The sample index of every valid row, in the order of {@link #validRows}: int64 {@code (N)}. */
    public static NDArray rowSampleIndex(NDArray patchMask) {
        long b = patchMask.getShape().get(0);
        long p = patchMask.getShape().get(1);
        boolean[] mask = patchMask.toBooleanArray();
        int n = 0;
        for (boolean m : mask) {
            n += m ? 1 : 0;
        }
        long[] index = new long[n];
        int k = 0;
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < p; j++) {
                if (mask[(int) (i * p + j)]) {
                    index[k++] = i;
                }
            }
        }
        return patchMask.getManager().create(index, new Shape(n));
    }
}
