package io.tsfm.benchmark.baseline.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import io.tsfm.training.model.layers.Dense;
import io.tsfm.training.model.layers.Inits;
import io.tsfm.training.model.layers.LayerNormalization;
import io.tsfm.training.model.layers.SingleInputBlock;

/**
 * The LiMU-BERT encoder (its {@code Transformer} module), which CrossHAR also uses: each time step's 6 values
 * projected to d, LayerNorm, a learned position embedding added, LayerNorm; then one transformer layer whose weights
 * are shared across {@code repeats} applications, written as the original: {@code a = attention(h)} (q, k, v
 * projections, scaled dot-product, no output projection), {@code h = norm1(a + proj(a))},
 * {@code h = norm2(h + fc2(gelu(fc1(h))))} (the residual is taken around the projection of the attention output, not
 * around the attention). Dropout 0.1 on the attention probabilities and the sub-layer outputs. Input
 * {@code (N, T, 6)}, T ≤ the position table's length; output {@code (N, T, d)}. Thread-safe for forward passes.
 */
public final class ImuBertEncoder extends SingleInputBlock {
    private static final float DROPOUT = 0.1f;
    private final int dim;
    private final int heads;
    private final int repeats;
    private final int maxLength;
    private final Dense embed;
    private final LayerNormalization embedNorm;
    private final Parameter position;
    private final Dense query;
    private final Dense key;
    private final Dense value;
    private final Dense proj;
    private final LayerNormalization norm1;
    private final Dense fc1;
    private final Dense fc2;
    private final LayerNormalization norm2;

    /**
     * @param dim       model width d (72)
     * @param heads     attention heads (4)
     * @param ff        feed-forward width (144)
     * @param repeats   applications of the shared layer (LiMU-BERT 4, CrossHAR 1)
     * @param maxLength longest input (120)
     */
    public ImuBertEncoder(int dim, int heads, int ff, int repeats, int maxLength) {
        if (dim % heads != 0) throw new IllegalArgumentException("d " + dim + " must be a multiple of heads " + heads);
        this.dim = dim;
        this.heads = heads;
        this.repeats = repeats;
        this.maxLength = maxLength;
        embed = addChildBlock("embed", Dense.of(BaselineInput.CHANNELS, dim));
        embedNorm = addChildBlock("embed_norm", new LayerNormalization(dim));
        position = addParameter(Parameter.builder().setName("position").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(maxLength, dim)).optInitializer(Inits.normal(1.0)).build());
        query = addChildBlock("query", Dense.of(dim, dim));
        key = addChildBlock("key", Dense.of(dim, dim));
        value = addChildBlock("value", Dense.of(dim, dim));
        proj = addChildBlock("proj", Dense.of(dim, dim));
        norm1 = addChildBlock("norm1", new LayerNormalization(dim));
        fc1 = addChildBlock("fc1", Dense.of(dim, ff));
        fc2 = addChildBlock("fc2", Dense.of(ff, dim));
        norm2 = addChildBlock("norm2", new LayerNormalization(dim));
    }

    /** Model width. */
    public int dim() {
        return dim;
    }

    /** Encodes {@code x (N, T, 6)} into {@code (N, T, d)}. */
    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        long n = x.getShape().get(0);
        long t = x.getShape().get(1);
        if (t > maxLength) throw new IllegalArgumentException("input of " + t + " steps, at most " + maxLength);
        NDArray pos = ps.getValue(position, x.getDevice(), training).get(new NDIndex("0:{}", t));
        NDArray h = embedNorm.apply(ps, embed.apply(ps, x, training), training);
        h = embedNorm.apply(ps, h.add(pos), training);
        long hd = dim / heads;
        for (int r = 0; r < repeats; r++) {
            NDArray q = query.apply(ps, h, training).reshape(n, t, heads, hd).transpose(0, 2, 1, 3);
            NDArray k = key.apply(ps, h, training).reshape(n, t, heads, hd).transpose(0, 2, 3, 1);
            NDArray v = value.apply(ps, h, training).reshape(n, t, heads, hd).transpose(0, 2, 1, 3);
            NDArray probs = q.matMul(k).div((float) Math.sqrt(hd)).softmax(3);
            probs = drop(probs, training);
            NDArray a = probs.matMul(v).transpose(0, 2, 1, 3).reshape(n, t, dim);
            h = norm1.apply(ps, a.add(drop(proj.apply(ps, a, training), training)), training);
            NDArray f = fc2.apply(ps, Activation.gelu(fc1.apply(ps, h, training)), training);
            h = norm2.apply(ps, h.add(drop(f, training)), training);
        }
        return h;
    }

    private static NDArray drop(NDArray x, boolean training) {
        return training ? Dropout.dropout(x, DROPOUT, true).singletonOrThrow() : x;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), in.get(1), dim)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        Shape hidden = new Shape(in.get(0), in.get(1), dim);
        embed.initialize(manager, dataType, in);
        embedNorm.initialize(manager, dataType, hidden);
        for (Dense d : new Dense[] {query, key, value, proj, fc1}) d.initialize(manager, dataType, hidden);
        fc2.initialize(manager, dataType, fc1.getOutputShapes(new Shape[] {hidden}));
        norm1.initialize(manager, dataType, hidden);
        norm2.initialize(manager, dataType, hidden);
    }
}
