package io.tsfm.export.onnx.blocks;

import io.tsfm.export.onnx.graph.Value;

/**
 * {@code fc1: Linear(D_f→2D_f) → GELU → fc2: Linear(2D_f→2D_f) → GELU → fc3: Linear(2D_f→E)} over the last axis
 * (spec §3.7), not normalised. Stateless.
 */
public final class ProjectionHeadGraph {

    private ProjectionHeadGraph() {}

    /** See the class comment. */
    public static Value apply(BlockContext ctx, String path, Value x, long fusedDim, long outDim) {
        long hidden = 2 * fusedDim;
        Value h = ctx.gelu(ctx.dense(path + ".fc1", x, fusedDim, hidden));
        h = ctx.gelu(ctx.dense(path + ".fc2", h, hidden, hidden));
        return ctx.dense(path + ".fc3", h, hidden, outDim);
    }
}
