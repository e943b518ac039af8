package io.tsfm.export.onnx.blocks;

import io.tsfm.export.onnx.graph.Value;

/**
 * Fuses the channels of every patch into one vector (spec §3.7): {@code proj: Linear(D→D_f)} per token, then
 * {@link MultiQueryAttentionGraph} (child {@code fusion}) over the channels, keys masked by the channel mask.
 * {@code x (B, P, C, D)} → {@code (B, P, D_f)}; {@code channelBias} {@code (B, 1, 1, 1, C)} from
 * {@code Layers.keyBias(channel_mask, 5)}. Stateless.
 */
public final class CrossChannelFusionGraph {

    private CrossChannelFusionGraph() {}

    /** See the class comment. */
    public static Value apply(BlockContext ctx, String path, Value x, long dModel, long fusedDim, long numQueries,
                              long heads, boolean selfAttention, Value channelBias) {
        Value tokens = ctx.dense(path + ".proj", x, dModel, fusedDim);
        return MultiQueryAttentionGraph.apply(ctx, path + ".fusion", tokens, fusedDim, numQueries, heads,
                selfAttention, channelBias);
    }
}
