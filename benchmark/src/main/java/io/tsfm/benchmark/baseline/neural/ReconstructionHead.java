package io.tsfm.benchmark.baseline.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import io.tsfm.training.model.layers.Dense;
import io.tsfm.training.model.layers.LayerNormalization;
import io.tsfm.training.model.layers.SingleInputBlock;

/**
 * The masked-reconstruction decoder of LiMU-BERT's pretraining model (also CrossHAR's): Linear(d→d), GELU,
 * LayerNorm, Linear(d→6). Input {@code (N, T, d)}, output {@code (N, T, 6)}. Used during pretraining only.
 */
public final class ReconstructionHead extends SingleInputBlock {
    private final int dim;
    private final Dense linear;
    private final LayerNormalization norm;
    private final Dense decoder;

    public ReconstructionHead(int dim) {
        this.dim = dim;
        linear = addChildBlock("linear", Dense.of(dim, dim));
        norm = addChildBlock("norm", new LayerNormalization(dim));
        decoder = addChildBlock("decoder", Dense.of(dim, BaselineInput.CHANNELS));
    }

    /** The reconstructed input of embeddings {@code (N, T, d)}. */
    @Override
    public NDArray apply(ParameterStore ps, NDArray h, boolean training) {
        return decoder.apply(ps, norm.apply(ps, Activation.gelu(linear.apply(ps, h, training)), training), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), s.get(1), BaselineInput.CHANNELS)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        linear.initialize(manager, dataType, inputShapes);
        norm.initialize(manager, dataType, new Shape(inputShapes[0].get(0), inputShapes[0].get(1), dim));
        decoder.initialize(manager, dataType, new Shape(inputShapes[0].get(0), inputShapes[0].get(1), dim));
    }
}
