package io.tsfm.export.onnx.blocks;

import io.tsfm.export.onnx.graph.Ops;
import io.tsfm.export.onnx.graph.Value;

/**
 * One post-norm dual-branch encoder block (spec §3.5) on {@code x (B, P, C, D)}:
 * <pre>
 * x = norm1(x + temporal_attn over each channel's patches, keys masked by patch_mask)
 * x = norm2(x + channel_attn over each patch's channels, keys masked by channel_mask)   [if cross-channel]
 * x = norm3(x + ffn2(GELU(ffn1(x))))
 * </pre>
 * Attention uses separate {@code query/key/value/out} Linear(D, D) layers. Sequences are never flattened into the
 * batch: the temporal branch attends along P of {@code (B, C, P, D)} and the channel branch along C of
 * {@code (B, P, C, D)}, so all shapes stay dynamic without shape arithmetic. Key biases come from
 * {@code Layers.keyBias(mask, 5)}: {@code temporalBias} from patch_mask, {@code channelBias} from channel_mask, both
 * {@code (B, 1, 1, 1, L)}. Stateless.
 */
public final class DualBranchBlockGraph {

    private DualBranchBlockGraph() {}

    /** See the class comment. */
    public static Value apply(BlockContext ctx, String path, Value x, long dModel, long heads, long ffn,
                              boolean crossChannel, Value temporalBias, Value channelBias) {
        Ops ops = ctx.ops();
        Value t = ops.transpose(x, 0, 2, 1, 3);
        t = ctx.layerNorm(path + ".norm1", ops.add(t, AttentionGraph.separate(ctx, path + ".temporal_attn",
                t, t, t, dModel, heads, temporalBias)), dModel);
        Value y = ops.transpose(t, 0, 2, 1, 3);
        if (crossChannel) {
            y = ctx.layerNorm(path + ".norm2", ops.add(y, AttentionGraph.separate(ctx, path + ".channel_attn",
                    y, y, y, dModel, heads, channelBias)), dModel);
        }
        Value f = ctx.dense(path + ".ffn2", ctx.gelu(ctx.dense(path + ".ffn1", y, dModel, ffn)), ffn, dModel);
        return ctx.layerNorm(path + ".norm3", ops.add(y, f), dModel);
    }
}
