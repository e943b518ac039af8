package io.tsfm.training.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Turns boolean key masks into the additive attention bias used by {@link MultiHeadAttention}: 0 for a valid key,
 * −∞ for a masked one (so masked keys get exactly zero probability), shaped {@code (N, 1, 1, L)} to broadcast over
 * heads and queries. A row without any valid key gets its first key un-masked, so softmax never sees an all −∞ row
 * (spec §3.6, §8-4). Stateless and thread-safe.
 */
public final class KeyMasks {

    private KeyMasks() {}

    /** Bias for a {@code (N, L)} boolean mask (true = valid key). */
    public static NDArray keyBias(NDArray mask) {
        if (mask.getDataType() != DataType.BOOLEAN || mask.getShape().dimension() != 2) {
            throw new IllegalArgumentException("key mask must be boolean (N, L), got " + mask.getDataType() + " "
                    + mask.getShape());
        }
        NDManager m = mask.getManager();
        long n = mask.getShape().get(0);
        long l = mask.getShape().get(1);
        boolean[] firstKey = new boolean[(int) l];
        firstKey[0] = true;
        NDArray first = m.create(firstKey, new Shape(1, l));
        NDArray none = mask.toType(DataType.INT32, false).sum(new int[] {1}, true).eq(0);
        NDArray fixed = mask.logicalOr(none.logicalAnd(first));
        NDArray zeros = m.zeros(new Shape(n, l), DataType.FLOAT32);
        NDArray negInf = m.full(new Shape(1), Float.NEGATIVE_INFINITY, DataType.FLOAT32);
        return NDArrays.where(fixed, zeros, negInf).reshape(n, 1, 1, l);
    }

    /**
     * Bias for attention over patches of each (sample, channel) sequence, rows ordered {@code (b, c)}: the
     * {@code (B, P)} patch mask repeated for every channel → {@code (B·C, 1, 1, P)}.
     */
    public static NDArray perChannelPatchBias(NDArray patchMask, long channels) {
        long b = patchMask.getShape().get(0);
        long p = patchMask.getShape().get(1);
        return keyBias(patchMask.expandDims(1).broadcast(b, channels, p).reshape(b * channels, p));
    }

    /**
     * Bias for attention over channels within each (sample, patch), rows ordered {@code (b, p)}: the {@code (B, C)}
     * channel mask repeated for every patch → {@code (B·P, 1, 1, C)}.
     */
    public static NDArray perPatchChannelBias(NDArray channelMask, long patches) {
        long b = channelMask.getShape().get(0);
        long c = channelMask.getShape().get(1);
        return keyBias(channelMask.expandDims(1).broadcast(b, patches, c).reshape(b * patches, c));
    }
}
