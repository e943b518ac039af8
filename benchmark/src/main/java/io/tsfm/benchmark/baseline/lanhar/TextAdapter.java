package io.tsfm.benchmark.baseline.lanhar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.tsfm.training.model.head.PreNormEncoderLayer;
import io.tsfm.training.model.layers.Dense;
import io.tsfm.training.model.layers.KeyMasks;
import io.tsfm.training.model.layers.LayerNormalization;
import io.tsfm.training.model.layers.TwoInputBlock;

/**
 * LanHAR's trainable text side in this port: the frozen MiniLM token states pass through one pre-norm transformer
 * layer, a LayerNorm, a masked mean over the text's tokens and a linear map into the shared space. It stands in for
 * fine-tuning all of SciBERT, which is out of reach on a CPU. Forward inputs: tokens {@code (N, L, 384)} float32,
 * mask {@code (N, L)} boolean (true = real token); output {@code (N, D)}, not normalised.
 */
public final class TextAdapter extends TwoInputBlock {
    private final long tokenDim;
    private final PreNormEncoderLayer layer;
    private final LayerNormalization norm;
    private final Dense projection;

    /** An adapter from {@code tokenDim}-wide token states to {@code sharedDim}. */
    public TextAdapter(int tokenDim, int heads, int sharedDim) {
        this.tokenDim = tokenDim;
        layer = addChildBlock("layer", new PreNormEncoderLayer(tokenDim, heads, 2 * tokenDim, 0.1));
        norm = addChildBlock("final_norm", new LayerNormalization(tokenDim));
        projection = addChildBlock("projection", Dense.of(tokenDim, sharedDim));
    }

    /** See the class comment. */
    public NDArray apply(ParameterStore ps, NDArray tokens, NDArray mask, boolean training) {
        NDArray h = norm.apply(ps, layer.apply(ps, tokens, KeyMasks.keyBias(mask), training), training);
        NDArray m = mask.toType(DataType.FLOAT32, false).expandDims(2);
        NDArray pooled = h.mul(m).sum(new int[] {1}).div(m.sum(new int[] {1}).clip(1f, Float.MAX_VALUE));
        return projection.apply(ps, pooled, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), projection.getOutFeatures())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        layer.initialize(manager, dataType, x, new Shape(x.get(0), 1, 1, x.get(1)));
        norm.initialize(manager, dataType, x);
        projection.initialize(manager, dataType, new Shape(x.get(0), tokenDim));
    }
}
