package io.tsfm.training.model.encoder;

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
import io.tsfm.training.model.layers.ThreeInputBlock;

/**
 * One post-norm dual-branch encoder block (spec §3.5) on {@code x (B, P, C, D)}:
 * <pre>
 * x = LN1(x + Drop(TemporalMHA over each channel's patches, keys masked by patch_mask))
 * x = LN2(x + Drop(ChannelMHA over each patch's channels, keys masked by channel_mask))   [if cross-channel]
 * x = LN3(x + Drop(FFN(x))),  FFN = Linear(D,F) → GELU → Drop → Linear(F,D) → Drop
 * </pre>
 * Forward inputs: {@code x (B, P, C, D)}, temporal key bias {@code (B·C, 1, 1, P)}, channel key bias
 * {@code (B·P, 1, 1, C)} (from {@code KeyMasks}); output {@code (B, P, C, D)}. Padded positions only ever act as
 * masked keys, so removing them leaves the real positions' outputs unchanged.
 */
public final class DualBranchBlock extends ThreeInputBlock {

    private final long dModel;
    private final float dropout;
    private final MultiHeadAttention temporalAttention;
    private final LayerNormalization norm1;
    private final MultiHeadAttention channelAttention;
    private final LayerNormalization norm2;
    private final Dense ffn1;
    private final Dense ffn2;
    private final LayerNormalization norm3;

    /** A block of width {@code dModel}, {@code heads} heads and FFN width {@code ffn}. */
    public DualBranchBlock(int dModel, int heads, int ffn, double dropout, boolean crossChannel) {
        this.dModel = dModel;
        this.dropout = (float) dropout;
        temporalAttention = addChildBlock("temporal_attn", MultiHeadAttention.builder().setDim(dModel).setHeads(heads)
                .optDropout(dropout).optProjection(MultiHeadAttention.Projection.SEPARATE).build());
        norm1 = addChildBlock("norm1", new LayerNormalization(dModel));
        if (crossChannel) {
            channelAttention = addChildBlock("channel_attn", MultiHeadAttention.builder().setDim(dModel)
                    .setHeads(heads).optDropout(dropout).optProjection(MultiHeadAttention.Projection.SEPARATE).build());
            norm2 = addChildBlock("norm2", new LayerNormalization(dModel));
        } else {
            channelAttention = null;
            norm2 = null;
        }
        ffn1 = addChildBlock("ffn1", Dense.of(dModel, ffn));
        ffn2 = addChildBlock("ffn2", Dense.of(ffn, dModel));
        norm3 = addChildBlock("norm3", new LayerNormalization(dModel));
    }

    /** Applies the block; see the class comment for shapes. */
    public NDArray apply(ParameterStore ps, NDArray x, NDArray temporalBias, NDArray channelBias, boolean training) {
        Shape s = x.getShape();
        long b = s.get(0);
        long p = s.get(1);
        long c = s.get(2);

        NDArray t = x.transpose(0, 2, 1, 3).reshape(b * c, p, dModel);
        t = norm1.apply(ps, t.add(drop(temporalAttention.apply(ps, t, t, t, temporalBias, training), training)),
                training);
        NDArray y = t.reshape(b, c, p, dModel).transpose(0, 2, 1, 3).reshape(b * p, c, dModel);

        if (channelAttention != null) {
            y = norm2.apply(ps, y.add(drop(channelAttention.apply(ps, y, y, y, channelBias, training), training)),
                    training);
        }
        NDArray f = drop(Activation.gelu(ffn1.apply(ps, y, training)), training);
        // the FFN ends in its own Dropout and the residual adds another, as in the reference (spec §3.5)
        f = drop(drop(ffn2.apply(ps, f, training), training), training);
        y = norm3.apply(ps, y.add(f), training);
        return y.reshape(b, p, c, dModel);
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
        Shape s = inputShapes[0];
        long b = s.get(0);
        long p = s.get(1);
        long c = s.get(2);
        Shape seq = new Shape(b * c, p, dModel);
        temporalAttention.initialize(manager, dataType, seq, seq, seq, new Shape(b * c, 1, 1, p));
        norm1.initialize(manager, dataType, seq);
        Shape chan = new Shape(b * p, c, dModel);
        if (channelAttention != null) {
            channelAttention.initialize(manager, dataType, chan, chan, chan, new Shape(b * p, 1, 1, c));
            norm2.initialize(manager, dataType, chan);
        }
        ffn1.initialize(manager, dataType, chan);
        ffn2.initialize(manager, dataType, ffn1.getOutputShapes(new Shape[] {chan}));
        norm3.initialize(manager, dataType, chan);
    }
}
