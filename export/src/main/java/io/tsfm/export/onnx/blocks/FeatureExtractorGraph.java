package io.tsfm.export.onnx.blocks;

import io.tsfm.core.preprocess.SpectralBasis;
import io.tsfm.export.onnx.graph.Ops;
import io.tsfm.export.onnx.graph.Value;

/**
 * The channel-independent patch tokenizer (spec §3.2) on {@code patches (B, P, 64, C)} → {@code (B, P, C, D)}.
 *
 * <p>Both variants share the conv stack {@code convs.conv<i>}: {@code Conv1d(k, padding k/2, no bias) →
 * GroupNorm(1 group, child gn) → GELU}, then a global average over time. The {@code cnn} variant follows with
 * {@code proj: Linear(last→D) → GELU}; {@code spectral_temporal} with {@code temporal_proj → temporal_norm} (D_t) and,
 * from the DFT magnitudes of the patch ({@link SpectralBasis} as two constant matmuls),
 * {@code spectral_fc1 → GELU → spectral_fc2 → spectral_norm} (D_s), concatenated {@code [temporal, spectral]}.
 * Dropout is the identity at inference. Stateless.
 */
public final class FeatureExtractorGraph {

    private FeatureExtractorGraph() {}

    /** The {@code cnn} variant (Small tier) with output width {@code dModel}. */
    public static Value cnn(BlockContext ctx, String path, Value patches, int[] convChannels, int kernel,
                            long dModel) {
        Value series = series(ctx, patches);
        Value pooled = convStack(ctx, path + ".convs", series, convChannels, kernel);
        long last = convChannels[convChannels.length - 1];
        Value y = ctx.gelu(ctx.dense(path + ".proj", pooled, last, dModel));
        return toTokens(ctx, y, patches, dModel);
    }

    /** The {@code spectral_temporal} variant with widths {@code dTemporal + dSpectral = D}. */
    public static Value spectralTemporal(BlockContext ctx, String path, Value patches, int[] convChannels,
                                         int kernel, long dTemporal, long dSpectral) {
        Ops ops = ctx.ops();
        Value series = series(ctx, patches);
        Value pooled = convStack(ctx, path + ".convs", series, convChannels, kernel);
        long last = convChannels[convChannels.length - 1];
        Value temporal = ctx.layerNorm(path + ".temporal_norm",
                ctx.dense(path + ".temporal_proj", pooled, last, dTemporal), dTemporal);

        Value flat = ops.reshape(series, -1, SpectralBasis.STEPS);
        Value re = ops.matMul(flat, ctx.graph().initializer("spectral_basis.cos",
                SpectralBasis.cosMatrix(), SpectralBasis.shape()));
        Value im = ops.matMul(flat, ctx.graph().initializer("spectral_basis.sin",
                SpectralBasis.sinMatrix(), SpectralBasis.shape()));
        Value magnitude = ops.sqrt(ops.add(ops.mul(re, re), ops.mul(im, im)));
        long bins = SpectralBasis.BINS;
        Value spectral = ctx.gelu(ctx.dense(path + ".spectral_fc1", magnitude, bins, 2 * dSpectral));
        spectral = ctx.layerNorm(path + ".spectral_norm",
                ctx.dense(path + ".spectral_fc2", spectral, 2 * dSpectral, dSpectral), dSpectral);
        return toTokens(ctx, ops.concat(1, temporal, spectral), patches, dTemporal + dSpectral);
    }

    /** {@code (B, P, 64, C)} → {@code (B·P·C, 1, 64)}, rows ordered (b, p, c). */
    private static Value series(BlockContext ctx, Value patches) {
        if (patches.rank() != 4) {
            throw new IllegalArgumentException("patches must be (B, P, 64, C), got " + patches);
        }
        return ctx.ops().reshape(ctx.ops().transpose(patches, 0, 1, 3, 2), -1, 1, SpectralBasis.STEPS);
    }

    /** Conv blocks then the mean over time: {@code (N, 1, 64)} → {@code (N, channels[last])}. */
    private static Value convStack(BlockContext ctx, String path, Value x, int[] channels, int kernel) {
        long in = 1;
        for (int i = 0; i < channels.length; i++) {
            String block = path + ".conv" + i;
            x = ctx.layers().conv1d(block, x, ctx.params().get(block + ".weight", channels[i], in, kernel));
            x = ctx.layers().groupNormSingle(block + ".gn", x, ctx.params().get(block + ".gn.weight", channels[i]),
                    ctx.params().get(block + ".gn.bias", channels[i]));
            x = ctx.gelu(x);
            in = channels[i];
        }
        return ctx.ops().reduceMean(x, false, 2);
    }

    /** {@code (B·P·C, D)} → {@code (B, P, C, D)} using B, P, C of the patches input. */
    private static Value toTokens(BlockContext ctx, Value features, Value patches, long d) {
        Ops ops = ctx.ops();
        Value shape = ops.concat(0, ops.shape(patches, 0, 2), ops.shape(patches, 3, 4), ctx.graph().int64s(d));
        return ops.reshape(features, shape, 4);
    }
}
