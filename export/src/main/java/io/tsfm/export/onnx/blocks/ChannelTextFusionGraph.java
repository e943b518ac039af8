package io.tsfm.export.onnx.blocks;

import io.tsfm.export.onnx.graph.Ops;
import io.tsfm.export.onnx.graph.Value;

/**
 * The sensor side of ChannelTextFusion (spec §3.6, §3.11):
 * {@code out = sensor + sigmoid(gate_sensor(sensor) + gate_channel(ch)) ⊙ ch} on {@code sensor (B, P, C, D)} with the
 * per-channel text vectors {@code ch (B, C, D)} broadcast over patches.
 *
 * <p>{@code ch} depends only on the channel's description, so it is precomputed outside the graph and fed as the
 * {@code channel_emb} input. {@code gate_channel(ch)} is computed here rather than fed as a second input: it costs
 * only C·D² multiply-adds per window (≈ 0.9 M for six channels at D = 384, about 0.1 % of the window), and a single
 * text input keeps the channel table and the serving contract to one vector per description.
 * Parameters {@code gate_sensor.weight (D, D)} (no bias), {@code gate_channel.weight (D, D)},
 * {@code gate_channel.bias (D)}. Stateless.
 */
public final class ChannelTextFusionGraph {

    private ChannelTextFusionGraph() {}

    /** See the class comment. */
    public static Value apply(BlockContext ctx, String path, Value sensor, Value channelEmb, long dModel) {
        Ops ops = ctx.ops();
        Value gateChannel = ops.unsqueeze(ctx.dense(path + ".gate_channel", channelEmb, dModel, dModel), 1);
        Value gate = ops.sigmoid(ops.add(ctx.denseNoBias(path + ".gate_sensor", sensor, dModel, dModel),
                gateChannel));
        return ops.add(sensor, ops.mul(gate, ops.unsqueeze(channelEmb, 1)));
    }
}
