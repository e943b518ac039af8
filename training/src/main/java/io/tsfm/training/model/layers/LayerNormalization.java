package io.tsfm.training.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;

/**
 * LayerNorm over the last axis (size fixed at construction), eps 1e-5, affine weight 1 / bias 0 at init, as
 * PyTorch's {@code nn.LayerNorm(dim)}. Works for inputs of any rank, unlike DJL's {@link LayerNorm} block which binds
 * its normalised shape to the first input it sees. Parameters: {@code weight (dim)}, {@code bias (dim)}.
 */
public final class LayerNormalization extends AffineNorm {

    /** A LayerNorm over a last axis of size {@code dim}. */
    public LayerNormalization(long dim) {
        super(dim);
    }

    /** Normalises {@code x (…, dim)}. */
    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDArray g = ps.getValue(weight, x.getDevice(), training);
        NDArray b = ps.getValue(bias, x.getDevice(), training);
        return LayerNorm.layerNorm(x, new Shape(size), g, b, EPS).singletonOrThrow();
    }
}
