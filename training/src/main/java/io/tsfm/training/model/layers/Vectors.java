package io.tsfm.training.model.layers;

import ai.djl.ndarray.NDArray;

/** Vector helpers shared by the heads and the label bank. Stateless and thread-safe. */
public final class Vectors {

    private Vectors() {}

    /** {@code x / max(‖x‖₂, 1e-12)} along the last axis, as PyTorch's {@code F.normalize(x, dim=-1)}. */
    public static NDArray l2Normalize(NDArray x) {
        int last = x.getShape().dimension() - 1;
        NDArray norm = x.square().sum(new int[] {last}, true).sqrt().maximum(1e-12f);
        return x.div(norm);
    }
}
