package io.tsfm.training.model.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.tsfm.training.model.layers.Dense;
import io.tsfm.training.model.layers.Inits;
import io.tsfm.training.model.layers.KeyMasks;
import io.tsfm.training.model.layers.LayerNormalization;
import io.tsfm.training.model.layers.MultiHeadAttention;
import io.tsfm.training.model.layers.QueryReadout;
import io.tsfm.training.model.layers.TwoInputBlock;
import io.tsfm.training.model.layers.Vectors;

/**
 * Learned-query pooling of a label's frozen token states (spec §3.8):
 * <pre>
 * A   = LN(MHA(queries, tokens, tokens, key mask))         (no residual with the queries)
 * emb = normalize(out_proj(flatten(A)) + mean_over_queries(A)),  out_proj = Linear(q·E→E) → GELU → Linear(E→E)
 * </pre>
 * Queries N(0, 1/E); last out_proj layer N(0, 0.01²) with zero bias; packed PyTorch-style attention.
 * Forward inputs: {@code tokens (U, K, E)}, {@code token_mask (U, K)} boolean; output {@code (U, E)} unit rows.
 */
public final class LabelAttentionPooling extends TwoInputBlock {

    private final long dim;
    private final long numQueries;
    private final Parameter queries;
    private final MultiHeadAttention attention;
    private final LayerNormalization norm;
    private final Dense outProj1;
    private final Dense outProj2;

    /** Pooling of {@code dim}-wide tokens with {@code numQueries} queries and {@code heads} heads. */
    public LabelAttentionPooling(int dim, int numQueries, int heads, double dropout) {
        this.dim = dim;
        this.numQueries = numQueries;
        queries = addParameter(Parameter.builder().setName("queries").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(numQueries, dim)).optInitializer(Inits.normal(1.0 / Math.sqrt(dim))).build());
        attention = addChildBlock("attn",
                MultiHeadAttention.builder().setDim(dim).setHeads(heads).optDropout(dropout).build());
        norm = addChildBlock("norm", new LayerNormalization(dim));
        outProj1 = addChildBlock("out_proj1", QueryReadout.first(numQueries, dim));
        outProj2 = addChildBlock("out_proj2", QueryReadout.last(dim));
    }

    /** See the class comment for shapes. */
    public NDArray apply(ParameterStore ps, NDArray tokens, NDArray tokenMask, boolean training) {
        NDArray q = ps.getValue(queries, tokens.getDevice(), training);
        NDArray a = attention.apply(ps, q.expandDims(0), tokens, tokens, KeyMasks.keyBias(tokenMask), training);
        a = norm.apply(ps, a, training);
        return Vectors.l2Normalize(QueryReadout.apply(ps, outProj1, outProj2, a, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), dim)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape tokens = inputShapes[0];
        long u = tokens.get(0);
        Shape a = new Shape(u, numQueries, dim);
        attention.initialize(manager, dataType, new Shape(1, numQueries, dim), tokens, tokens,
                new Shape(u, 1, 1, tokens.get(1)));
        norm.initialize(manager, dataType, a);
        outProj1.initialize(manager, dataType, new Shape(u, numQueries * dim));
        outProj2.initialize(manager, dataType, new Shape(u, dim));
    }
}
