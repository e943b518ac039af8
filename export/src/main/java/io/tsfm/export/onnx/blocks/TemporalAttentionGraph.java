package io.tsfm.export.onnx.blocks;

import io.tsfm.export.onnx.graph.Ops;
import io.tsfm.export.onnx.graph.Value;

/**
 * The pooled head's temporal transformer (spec §3.7): {@code layers} pre-norm encoder layers
 * {@code layer<i>} over the patches of {@code x (B, P, d)}, FFN {@code 4·d}, no final norm:
 * {@code x = x + self_attn(norm1(x))}, {@code x = x + linear2(GELU(linear1(norm2(x))))}, self-attention packed
 * (PyTorch layout), keys masked by {@code patchBias (B, 1, 1, P)} from {@code Layers.keyBias(patch_mask, 4)}.
 * Stateless.
 */
public final class TemporalAttentionGraph {

    private TemporalAttentionGraph() {}

    /** See the class comment. */
    public static Value apply(BlockContext ctx, String path, Value x, long dim, long heads, int layers,
                              Value patchBias) {
        Ops ops = ctx.ops();
        long ffn = 4 * dim;
        for (int i = 0; i < layers; i++) {
            String layer = path + ".layer" + i;
            Value h = ctx.layerNorm(layer + ".norm1", x, dim);
            x = ops.add(x, AttentionGraph.packed(ctx, layer + ".self_attn", h, h, h, dim, heads, patchBias));
            Value f = ctx.gelu(ctx.dense(layer + ".linear1", ctx.layerNorm(layer + ".norm2", x, dim), dim, ffn));
            x = ops.add(x, ctx.dense(layer + ".linear2", f, ffn, dim));
        }
        return x;
    }
}
