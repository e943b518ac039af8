package io.tsfm.training.model.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.tsfm.training.model.layers.TwoInputBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * The head's temporal transformer for pooled tiers (spec §3.7): {@code num_semantic_temporal_layers} pre-norm layers
 * over patches, FFN {@code 4·D_f}, keys masked by patch_mask, no final norm. Forward inputs: {@code x (B, P, D_f)},
 * patch key bias {@code (B, 1, 1, P)}; output {@code (B, P, D_f)}.
 */
public final class TemporalAttention extends TwoInputBlock {

    private final List<PreNormEncoderLayer> layers = new ArrayList<>();

    /** {@code numLayers} layers of width {@code dim}. */
    public TemporalAttention(int dim, int heads, int numLayers, double dropout) {
        for (int i = 0; i < numLayers; i++) {
            layers.add(addChildBlock("layer" + i, new PreNormEncoderLayer(dim, heads, 4 * dim, dropout)));
        }
    }

    /** See the class comment for shapes. */
    public NDArray apply(ParameterStore ps, NDArray x, NDArray keyBias, boolean training) {
        for (PreNormEncoderLayer layer : layers) {
            x = layer.apply(ps, x, keyBias, training);
        }
        return x;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (PreNormEncoderLayer layer : layers) {
            layer.initialize(manager, dataType, inputShapes);
        }
    }
}
