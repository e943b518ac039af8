package io.tsfm.training.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Multi-head attention with an explicit masked softmax (spec §3.5, §3.7, §8-4).
 *
 * <p>Forward inputs: {@code query (Nq, Lq, d)}, {@code key (N, Lk, d)}, {@code value (N, Lk, d)} and optionally a
 * key bias {@code (N, 1, 1, Lk)} from {@link KeyMasks} (0 valid, −∞ masked). {@code Nq} may be 1 to share learned
 * queries across the batch. Output {@code (N, Lq, d)}. Scores are scaled by {@code (d/h)^-0.5}, heads are contiguous
 * chunks of d, attention probabilities get dropout in training.
 *
 * <p>Two parameter layouts with identical counts:
 * <ul>
 *   <li>{@link Projection#SEPARATE}: children {@code query, key, value, out}, each {@code Linear(d,d)} with PyTorch
 *       default init (the dual-branch encoder's own attention).</li>
 *   <li>{@link Projection#PACKED}: PyTorch {@code nn.MultiheadAttention} — {@code in_proj_weight (3d, d)} Xavier
 *       uniform, {@code in_proj_bias (3d)} zero, child {@code out_proj} with default weight and zero bias.</li>
 * </ul>
 */
public final class MultiHeadAttention extends AbstractBlock {

    /** Parameter layout of the input projections. */
    public enum Projection { SEPARATE, PACKED }

    private final long dim;
    private final long heads;
    private final long headDim;
    private final float dropout;
    private final Projection projection;

    private final Dense query;
    private final Dense key;
    private final Dense value;
    private final Parameter inProjWeight;
    private final Parameter inProjBias;
    private final Dense out;

    private MultiHeadAttention(Builder b) {
        if (b.dim <= 0 || b.heads <= 0 || b.dim % b.heads != 0) {
            throw new IllegalArgumentException("attention dim " + b.dim + " must be a positive multiple of heads "
                    + b.heads);
        }
        dim = b.dim;
        heads = b.heads;
        headDim = dim / heads;
        dropout = b.dropout;
        projection = b.projection;
        if (projection == Projection.SEPARATE) {
            query = addChildBlock("query", Dense.of(dim, dim));
            key = addChildBlock("key", Dense.of(dim, dim));
            value = addChildBlock("value", Dense.of(dim, dim));
            inProjWeight = null;
            inProjBias = null;
            out = addChildBlock("out", Dense.of(dim, dim));
        } else {
            query = null;
            key = null;
            value = null;
            inProjWeight = addParameter(Parameter.builder().setName("in_proj_weight").setType(Parameter.Type.WEIGHT)
                    .optShape(new Shape(3 * dim, dim)).optInitializer(Inits.xavierUniform(dim, 3 * dim)).build());
            inProjBias = addParameter(Parameter.builder().setName("in_proj_bias").setType(Parameter.Type.BIAS)
                    .optShape(new Shape(3 * dim)).optInitializer(Inits.zeros()).build());
            out = addChildBlock("out_proj", Dense.builder().setInFeatures(dim).setOutFeatures(dim)
                    .optBiasInit(Inits.zeros()).build());
        }
    }

    /** Creates a builder; {@code setDim} and {@code setHeads} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Attention of {@code q} over {@code k}/{@code v}.
     *
     * @param keyBias additive bias {@code (N, 1, 1, Lk)} or null for no masking
     */
    public NDArray apply(ParameterStore ps, NDArray q, NDArray k, NDArray v, NDArray keyBias, boolean training) {
        NDArray qp;
        NDArray kp;
        NDArray vp;
        if (projection == Projection.SEPARATE) {
            qp = query.apply(ps, q, training);
            kp = key.apply(ps, k, training);
            vp = value.apply(ps, v, training);
        } else {
            NDArray w = ps.getValue(inProjWeight, q.getDevice(), training);
            NDArray b = ps.getValue(inProjBias, q.getDevice(), training);
            qp = linear(q, w, b, 0);
            kp = linear(k, w, b, 1);
            vp = linear(v, w, b, 2);
        }
        long nq = qp.getShape().get(0);
        long lq = qp.getShape().get(1);
        long n = kp.getShape().get(0);
        long lk = kp.getShape().get(1);
        // (N, L, d) → (N, h, L, d/h); the query is pre-scaled like PyTorch does
        NDArray qh = qp.reshape(nq, lq, heads, headDim).transpose(0, 2, 1, 3).mul((float) (1.0 / Math.sqrt(headDim)));
        NDArray kh = kp.reshape(n, lk, heads, headDim).transpose(0, 2, 3, 1);
        NDArray vh = vp.reshape(n, lk, heads, headDim).transpose(0, 2, 1, 3);
        NDArray scores = qh.matMul(kh);
        if (keyBias != null) {
            scores = scores.add(keyBias);
        }
        NDArray probs = scores.softmax(3);
        if (training && dropout > 0) {
            probs = Dropout.dropout(probs, dropout, true).singletonOrThrow();
        }
        long rows = Math.max(nq, n);
        NDArray ctx = probs.matMul(vh).transpose(0, 2, 1, 3).reshape(rows, lq, dim);
        return out.apply(ps, ctx, training);
    }

    private NDArray linear(NDArray x, NDArray w, NDArray b, int chunk) {
        NDIndex rows = new NDIndex("{}:{}", chunk * dim, (chunk + 1) * dim);
        return Linear.linear(x, w.get(rows), b.get(rows)).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray bias = inputs.size() > 3 ? inputs.get(3) : null;
        return new NDList(apply(ps, inputs.get(0), inputs.get(1), inputs.get(2), bias, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long rows = Math.max(inputShapes[0].get(0), inputShapes[1].get(0));
        return new Shape[] {new Shape(rows, inputShapes[0].get(1), dim)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (projection == Projection.SEPARATE) {
            query.initialize(manager, dataType, inputShapes[0]);
            key.initialize(manager, dataType, inputShapes[1]);
            value.initialize(manager, dataType, inputShapes[2]);
        }
        out.initialize(manager, dataType, getOutputShapes(inputShapes));
    }

    /** Builder for {@link MultiHeadAttention}. */
    public static final class Builder {
        private long dim;
        private long heads;
        private float dropout;
        private Projection projection = Projection.PACKED;

        private Builder() {}

        /** Model dimension d (required). */
        public Builder setDim(long dim) {
            this.dim = dim;
            return this;
        }

        /** Number of heads h, dividing d (required). */
        public Builder setHeads(long heads) {
            this.heads = heads;
            return this;
        }

        /** Attention-probability dropout (default 0). */
        public Builder optDropout(double dropout) {
            this.dropout = (float) dropout;
            return this;
        }

        /** Projection layout (default {@link Projection#PACKED}). */
        public Builder optProjection(Projection projection) {
            this.projection = projection;
            return this;
        }

        /** Builds the block. */
        public MultiHeadAttention build() {
            return new MultiHeadAttention(this);
        }
    }
}
