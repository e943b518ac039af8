package io.tsfm.export.onnx.blocks;

import io.tsfm.export.onnx.graph.Ops;
import io.tsfm.export.onnx.graph.Value;
import io.tsfm.export.onnx.params.ParameterTensor;

/**
 * The text side of ChannelTextFusion (spec §3.6), which depends only on a channel's description and is therefore run
 * once per description string, outside the IMU network:
 * <pre>
 * tok = text_proj(tokens)                               (identity when T_d = D)
 * a   = attn(queries, tok, tok, key bias)               packed PyTorch-style attention
 * ch  = out_proj2(GELU(out_proj1(flatten(norm(queries + a)))))
 * </pre>
 * {@code tokens (U, K, T_d)} → {@code ch (U, D)}. Parameters under {@code path}: {@code queries (q, D)},
 * {@code text_proj} (if T_d ≠ D), {@code attn}, {@code norm}, {@code out_proj1 (D, q·D)}, {@code out_proj2 (D, D)};
 * {@code gate_channel} and {@code gate_sensor} belong to the sensor side ({@link ChannelTextFusionGraph}).
 * The key bias is {@code Layers.keyBias(token_mask, 4)}. Stateless.
 */
public final class ChannelTextEncoderGraph {

    private ChannelTextEncoderGraph() {}

    /** See the class comment. */
    public static Value apply(BlockContext ctx, String path, Value tokens, Value keyBias, long textDim, long dModel,
                              long numQueries, long heads) {
        Ops ops = ctx.ops();
        Value tok = textDim == dModel ? tokens : ctx.dense(path + ".text_proj", tokens, textDim, dModel);
        ParameterTensor queries = ctx.params().get(path + ".queries", numQueries, dModel);
        Value q0 = ctx.graph().initializer(path + ".queries", queries.data(), 1, numQueries, dModel);
        Value a = AttentionGraph.packed(ctx, path + ".attn", q0, tok, tok, dModel, heads, keyBias);
        Value flat = ops.reshape(ctx.layerNorm(path + ".norm", ops.add(q0, a), dModel), 0, -1);
        return ctx.dense(path + ".out_proj2",
                ctx.gelu(ctx.dense(path + ".out_proj1", flat, numQueries * dModel, dModel)), dModel, dModel);
    }
}
