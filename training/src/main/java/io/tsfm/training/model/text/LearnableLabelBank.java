package io.tsfm.training.model.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.tsfm.training.model.config.TsfmConfig;

/**
 * The learnable label bank (spec §3.8, one prototype): label strings' frozen token states → unit label embeddings.
 * The frozen text model lives outside (token states are precomputed and cached per string), so this block holds only
 * {@link LabelAttentionPooling}.
 *
 * <p>Forward inputs: {@code tokens (U, K, E)} float32 and {@code token_mask (U, K)} boolean for the U unique label
 * strings of a step, optionally {@code index (N)} int64 selecting a row per output; output {@code (U, E)} or
 * {@code (N, E)} unit rows. Each unique string is pooled once however many rows use it.
 */
public final class LearnableLabelBank extends AbstractBlock {

    private final long dim;
    private final LabelAttentionPooling pooling;

    /** Builds the bank of a configuration. */
    public LearnableLabelBank(TsfmConfig config) {
        dim = config.getSemanticDim();
        pooling = addChildBlock("pooling", new LabelAttentionPooling(config.getSemanticDim(),
                config.getLabelBankNumQueries(), config.getLabelBankNumHeads(), config.getLabelBankDropout()));
    }

    /** The pooling block. */
    public LabelAttentionPooling getPooling() {
        return pooling;
    }

    /** Embeddings of the unique label strings {@code (U, E)}. */
    public NDArray apply(ParameterStore ps, NDArray tokens, NDArray tokenMask, boolean training) {
        if (tokens.getShape().dimension() != 3 || tokens.getShape().get(2) != dim) {
            throw new IllegalArgumentException("label token states must be (U, K, " + dim + "), got "
                    + tokens.getShape());
        }
        return pooling.apply(ps, tokens, tokenMask, training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray unique = apply(ps, inputs.get(0), inputs.get(1), training);
        return new NDList(inputs.size() > 2 ? unique.get(inputs.get(2)) : unique);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long rows = inputShapes.length > 2 ? inputShapes[2].get(0) : inputShapes[0].get(0);
        return new Shape[] {new Shape(rows, dim)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        pooling.initialize(manager, dataType, inputShapes[0], inputShapes[1]);
    }
}
