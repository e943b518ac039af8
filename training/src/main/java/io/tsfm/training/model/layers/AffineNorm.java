package io.tsfm.training.model.layers;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

/**
 * What the normalisation blocks share: eps 1e-5 and a per-feature affine map whose {@code weight (size)} starts at 1
 * and {@code bias (size)} at 0, registered in that order under those names (checkpoints load them by name). The
 * output has the input's shape.
 */
abstract class AffineNorm extends SingleInputBlock {

    /** PyTorch's default eps for LayerNorm and GroupNorm. */
    protected static final float EPS = 1e-5f;

    /** Length of the affine parameters. */
    protected final long size;
    protected final Parameter weight;
    protected final Parameter bias;

    AffineNorm(long size) {
        this.size = size;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.GAMMA)
                .optShape(new Shape(size)).optInitializer(Inits.ones()).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BETA)
                .optShape(new Shape(size)).optInitializer(Inits.zeros()).build());
    }

    @Override
    public final Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
