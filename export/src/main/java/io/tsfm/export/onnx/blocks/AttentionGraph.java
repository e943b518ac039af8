package io.tsfm.export.onnx.blocks;

import io.tsfm.export.onnx.graph.Value;
import io.tsfm.export.onnx.params.ParameterTensor;

/**
 * Multi-head attention subgraphs in the two parameter layouts of the training {@code MultiHeadAttention}
 * (spec §3.5, §3.7). Inputs {@code q (…, Lq, d)}, {@code k}, {@code v} {@code (…, Lk, d)} of equal rank; key bias
 * from {@code Layers.keyBias} or null; output {@code (…, Lq, d)}. Stateless.
 */
public final class AttentionGraph {

    private AttentionGraph() {}

    /**
     * Separate projections (the encoder's own attention): children {@code query, key, value, out}, each
     * {@code Linear(d, d)} with bias.
     */
    public static Value separate(BlockContext ctx, String path, Value q, Value k, Value v, long dim, long heads,
                                 Value keyBias) {
        Value qp = ctx.dense(path + ".query", q, dim, dim);
        Value kp = ctx.dense(path + ".key", k, dim, dim);
        Value vp = ctx.dense(path + ".value", v, dim, dim);
        return ctx.dense(path + ".out", ctx.layers().attention(qp, kp, vp, dim, heads, keyBias), dim, dim);
    }

    /**
     * PyTorch {@code nn.MultiheadAttention} layout (the head's and ChannelTextFusion's attention):
     * {@code in_proj_weight (3d, d)} and {@code in_proj_bias (3d)} packed as rows [q; k; v], child {@code out_proj}.
     */
    public static Value packed(BlockContext ctx, String path, Value q, Value k, Value v, long dim, long heads,
                               Value keyBias) {
        ParameterTensor w = ctx.params().get(path + ".in_proj_weight", 3 * dim, dim);
        ParameterTensor b = ctx.params().get(path + ".in_proj_bias", 3 * dim);
        Value qp = ctx.layers().linear(path + ".in_proj[q]", q, w.rows(0, dim), b.rows(0, dim));
        Value kp = ctx.layers().linear(path + ".in_proj[k]", k, w.rows(dim, 2 * dim), b.rows(dim, 2 * dim));
        Value vp = ctx.layers().linear(path + ".in_proj[v]", v, w.rows(2 * dim, 3 * dim), b.rows(2 * dim, 3 * dim));
        return ctx.dense(path + ".out_proj", ctx.layers().attention(qp, kp, vp, dim, heads, keyBias), dim, dim);
    }
}
