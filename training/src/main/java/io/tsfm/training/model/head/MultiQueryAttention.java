package io.tsfm.training.model.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.tsfm.training.model.layers.Dense;
import io.tsfm.training.model.layers.Inits;
import io.tsfm.training.model.layers.LayerNormalization;
import io.tsfm.training.model.layers.MultiHeadAttention;
import io.tsfm.training.model.layers.QueryReadout;
import io.tsfm.training.model.layers.TwoInputBlock;

/**
 * Learned-query pooling, the head's building block (spec §3.7):
 * <pre>
 * A   = LN1(Q0 + MHA_cross(Q0, X, X, key mask))
 * A   = LN2(A + MHA_self(A, A, A))                 [if self-attention]
 * out = MLP(flatten(A)) + mean_over_queries(A)     MLP = Linear(q·d→d) → GELU → Linear(d→d)
 * </pre>
 * Forward inputs: {@code X (N, L, d)}, key bias {@code (N, 1, 1, L)}; output {@code (N, d)}, not normalised.
 * Queries N(0, 0.02²); last MLP layer N(0, 0.01²) with zero bias; PyTorch-style packed attention.
 */
public final class MultiQueryAttention extends TwoInputBlock {

    private final long dim;
    private final long numQueries;
    private final Parameter queries;
    private final MultiHeadAttention crossAttention;
    private final LayerNormalization norm1;
    private final MultiHeadAttention selfAttention;
    private final LayerNormalization norm2;
    private final Dense mlp1;
    private final Dense mlp2;

    /** {@code numQueries} queries of width {@code dim} with {@code heads} heads. */
    public MultiQueryAttention(int dim, int numQueries, int heads, double dropout, boolean useSelfAttention) {
        this.dim = dim;
        this.numQueries = numQueries;
        queries = addParameter(Parameter.builder().setName("queries").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(numQueries, dim)).optInitializer(Inits.normal(0.02)).build());
        crossAttention = addChildBlock("cross_attn",
                MultiHeadAttention.builder().setDim(dim).setHeads(heads).optDropout(dropout).build());
        norm1 = addChildBlock("norm1", new LayerNormalization(dim));
        if (useSelfAttention) {
            selfAttention = addChildBlock("self_attn",
                    MultiHeadAttention.builder().setDim(dim).setHeads(heads).optDropout(dropout).build());
            norm2 = addChildBlock("norm2", new LayerNormalization(dim));
        } else {
            selfAttention = null;
            norm2 = null;
        }
        mlp1 = addChildBlock("mlp1", QueryReadout.first(numQueries, dim));
        mlp2 = addChildBlock("mlp2", QueryReadout.last(dim));
    }

    /** Pools {@code x (N, L, d)} with key bias {@code (N, 1, 1, L)} → {@code (N, d)}. */
    public NDArray apply(ParameterStore ps, NDArray x, NDArray keyBias, boolean training) {
        NDArray q0 = ps.getValue(queries, x.getDevice(), training);
        NDArray a = crossAttention.apply(ps, q0.expandDims(0), x, x, keyBias, training);
        a = norm1.apply(ps, a.add(q0), training);
        if (selfAttention != null) {
            a = norm2.apply(ps, a.add(selfAttention.apply(ps, a, a, a, null, training)), training);
        }
        return QueryReadout.apply(ps, mlp1, mlp2, a, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), dim)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long n = inputShapes[0].get(0);
        Shape q = new Shape(1, numQueries, dim);
        Shape a = new Shape(n, numQueries, dim);
        crossAttention.initialize(manager, dataType, q, inputShapes[0], inputShapes[0], inputShapes[1]);
        norm1.initialize(manager, dataType, a);
        if (selfAttention != null) {
            selfAttention.initialize(manager, dataType, a, a, a);
            norm2.initialize(manager, dataType, a);
        }
        mlp1.initialize(manager, dataType, new Shape(n, numQueries * dim));
        mlp2.initialize(manager, dataType, new Shape(n, dim));
    }
}
