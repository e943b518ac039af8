package io.tsfm.training.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;

/**
 * {@code GroupNorm(1 group, channels)} for {@code (N, channels, L)} inputs: statistics over all channels and steps of
 * each sample (biased variance, eps 1e-5), then a per-channel affine map (weight 1, bias 0 at init). DJL has no
 * GroupNorm block. Parameters: {@code weight (channels)}, {@code bias (channels)}.
 */
public final class SingleGroupNorm extends AffineNorm {

    /** A single-group GroupNorm over {@code channels} channels. */
    public SingleGroupNorm(long channels) {
        super(channels);
    }

    /** Normalises {@code x (N, channels, L)}. */
    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        // one group = LayerNorm over (channels, L) with the per-channel affine broadcast along L
        Shape normalized = x.getShape().slice(1);
        long steps = normalized.get(1);
        NDArray g = ps.getValue(weight, x.getDevice(), training).reshape(size, 1).broadcast(size, steps);
        NDArray b = ps.getValue(bias, x.getDevice(), training).reshape(size, 1).broadcast(size, steps);
        return LayerNorm.layerNorm(x, normalized, g, b, EPS).singletonOrThrow();
    }
}
