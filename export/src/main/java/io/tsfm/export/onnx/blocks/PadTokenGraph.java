package io.tsfm.export.onnx.blocks;

import io.tsfm.export.onnx.graph.Value;

/**
 * Replaces every feature vector of a padded patch by the learned {@code pad_token} (spec §3.3):
 * {@code x (B, P, C, D)}, {@code patch_mask (B, P)} bool (true = real) → {@code (B, P, C, D)}. Padded channels are
 * left as they are. Parameter {@code <path>.pad_token (1, 1, 1, D)}. Stateless.
 */
public final class PadTokenGraph {

    private PadTokenGraph() {}

    /** See the class comment; {@code path} is the owning block (the encoder). */
    public static Value apply(BlockContext ctx, String path, Value x, Value patchMask, long dModel) {
        String name = path + ".pad_token";
        Value pad = ctx.graph().initializer(name, ctx.params().get(name, 1, 1, 1, dModel).data(), 1, 1, 1, dModel);
        return ctx.ops().where(ctx.ops().unsqueeze(patchMask, 2, 3), x, pad);
    }
}
