package io.tsfm.export.onnx.blocks;

import io.tsfm.export.onnx.graph.Ops;
import io.tsfm.export.onnx.graph.Value;

/**
 * Adds the fixed sinusoidal patch-index encoding times the learned scale (spec §3.4): {@code x + s·PE[:P]} on
 * {@code x (B, P, C, D)}, broadcast over batch and channels. The table is embedded with {@code rows} rows (48, the
 * patch cap, instead of the reference's 5000) and sliced to P at run time; a window with more patches than rows
 * fails in ONNX Runtime with a broadcast error. Parameter {@code <path>.scale (1)}. Stateless.
 */
public final class TemporalPositionalEncodingGraph {

    private TemporalPositionalEncodingGraph() {}

    /** See the class comment. */
    public static Value apply(BlockContext ctx, String path, Value x, long dModel, int rows) {
        Ops ops = ctx.ops();
        Value table = ctx.graph().initializer(path + ".table", table(rows, (int) dModel), rows, dModel);
        Value scale = ctx.graph().initializer(path + ".scale", ctx.params().get(path + ".scale", 1).data(), 1);
        Value pe = ops.slice(table, ctx.graph().int64s(0), ops.shape(x, 1, 2), ctx.graph().int64s(0));
        return ops.add(x, ops.unsqueeze(ops.mul(pe, scale), 0, 2));
    }

    /**
     * The first {@code rows} rows of {@code PE[pos, 2i] = sin(pos·10000^(−2i/D))},
     * {@code PE[pos, 2i+1] = cos(pos·10000^(−2i/D))}, row-major {@code (rows, D)}, computed in double and rounded once.
     */
    public static float[] table(int rows, int dModel) {
        float[] t = new float[rows * dModel];
        for (int pos = 0; pos < rows; pos++) {
            for (int i = 0; i < dModel; i += 2) {
                double angle = pos * Math.exp(-Math.log(10000.0) * i / dModel);
                t[pos * dModel + i] = (float) Math.sin(angle);
                if (i + 1 < dModel) {
                    t[pos * dModel + i + 1] = (float) Math.cos(angle);
                }
            }
        }
        return t;
    }
}
