package io.tsfm.training.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;

/**
 * LayerNorm over the last axis (size fixed at construction), eps 1e-5, affine weight 1 / bias 0 at init, as
 * PyTorch's {@code nn.LayerNorm(dim)}. Works for inputs of any rank, unlike DJL's {@link LayerNorm} block which binds
 * its normalised shape to the first input it sees. Parameters: {@code weight (dim)}, {@code bias (dim)}.
 */
public final class LayerNormalization extends SingleInputBlock {

    private static final float EPS = 1e-5f;

    private final long dim;
    private final Parameter weight;
    private final Parameter bias;

    /** A LayerNorm over a last axis of size {@code dim}. */
    public LayerNormalization(long dim) {
        this.dim = dim;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.GAMMA)
                .optShape(new Shape(dim)).optInitializer(Inits.ones()).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BETA)
                .optShape(new Shape(dim)).optInitializer(Inits.zeros()).build());
    }

    /** Normalises {@code x (…, dim)}. */
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDArray g = ps.getValue(weight, x.getDevice(), training);
        NDArray b = ps.getValue(bias, x.getDevice(), training);
        return LayerNorm.layerNorm(x, new Shape(dim), g, b, EPS).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
