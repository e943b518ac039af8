package io.tsfm.training.model.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import io.tsfm.training.model.layers.Dense;
import io.tsfm.training.model.layers.LayerNormalization;
import io.tsfm.training.model.layers.MultiHeadAttention;
import io.tsfm.training.model.layers.TwoInputBlock;

/**
 * A pre-norm transformer encoder layer (PyTorch {@code TransformerEncoderLayer(norm_first=True, activation=gelu)}):
 * {@code x = x + Drop(SA(LN1(x)))}, {@code x = x + Drop(Linear2(Drop(GELU(Linear1(LN2(x))))))}. Forward inputs:
 * {@code x (N, L, d)}, key bias {@code (N, 1, 1, L)}; output {@code (N, L, d)}.
 */
public final class PreNormEncoderLayer extends TwoInputBlock {

    private final float dropout;
    private final LayerNormalization norm1;
    private final MultiHeadAttention selfAttention;
    private final LayerNormalization norm2;
    private final Dense linear1;
    private final Dense linear2;

    /** A layer of width {@code dim}, {@code heads} heads and FFN width {@code ffn}. */
    public PreNormEncoderLayer(int dim, int heads, int ffn, double dropout) {
        this.dropout = (float) dropout;
        norm1 = addChildBlock("norm1", new LayerNormalization(dim));
        selfAttention = addChildBlock("self_attn",
                MultiHeadAttention.builder().setDim(dim).setHeads(heads).optDropout(dropout).build());
        norm2 = addChildBlock("norm2", new LayerNormalization(dim));
        linear1 = addChildBlock("linear1", Dense.of(dim, ffn));
        linear2 = addChildBlock("linear2", Dense.of(ffn, dim));
    }

    /** See the class comment for shapes. */
    public NDArray apply(ParameterStore ps, NDArray x, NDArray keyBias, boolean training) {
        NDArray h = norm1.apply(ps, x, training);
        x = x.add(drop(selfAttention.apply(ps, h, h, h, keyBias, training), training));
        NDArray f = drop(Activation.gelu(linear1.apply(ps, norm2.apply(ps, x, training), training)), training);
        return x.add(drop(linear2.apply(ps, f, training), training));
    }

    private NDArray drop(NDArray x, boolean training) {
        return Dropout.dropout(x, dropout, training).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        norm1.initialize(manager, dataType, x);
        selfAttention.initialize(manager, dataType, x, x, x, inputShapes[1]);
        norm2.initialize(manager, dataType, x);
        linear1.initialize(manager, dataType, x);
        linear2.initialize(manager, dataType, linear1.getOutputShapes(new Shape[] {x}));
    }
}
