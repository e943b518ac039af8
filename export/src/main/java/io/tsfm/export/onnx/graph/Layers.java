package io.tsfm.export.onnx.graph;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import io.tsfm.export.onnx.params.ParameterTensor;

/**
 * Neural-network layers written as opset-17 subgraphs, with the conventions of the training blocks: Linear weights
 * arrive {@code (out, in)} and are stored transposed for a plain MatMul, LayerNorm/GroupNorm are two-pass
 * decompositions with eps 1e-5, GELU is the exact erf form, attention masks keys with a large negative score.
 * Not thread-safe (the graph is not).
 */
public final class Layers {

    /** Epsilon of LayerNorm and GroupNorm (PyTorch default). */
    public static final float NORM_EPS = 1e-5f;
    /**
     * Score given to masked keys before softmax: far enough below any real score that {@code exp} underflows to
     * exactly 0 in float32, while staying finite so no {@code inf − inf} can arise.
     */
    public static final float MASKED_SCORE = -1e9f;
    /** Floor of the norm in {@link #l2Normalize}, as PyTorch's {@code F.normalize}. */
    public static final float L2_EPS = 1e-12f;

    private final Ops ops;
    private final OnnxGraph g;

    /** Layers adding nodes through {@code ops}. */
    public Layers(Ops ops) {
        this.ops = ops;
        this.g = ops.graph();
    }

    /** The primitive ops these layers use. */
    public Ops ops() {
        return ops;
    }

    /**
     * {@code y = x·Wᵀ + b} over the last axis of {@code x (…, in)}.
     *
     * @param name   initializer name stem (the parameter path of the layer)
     * @param weight {@code (out, in)} as stored by the training {@code Linear}
     * @param bias   {@code (out)}, or null for a layer without bias
     */
    public Value linear(String name, Value x, ParameterTensor weight, ParameterTensor bias) {
        if (weight.rank() != 2) {
            throw new IllegalArgumentException("Linear '" + name + "' weight must be (out, in), got " + weight);
        }
        ParameterTensor wt = weight.transpose2d();
        Value y = ops.matMul(x, g.initializer(name + ".weight^T", wt.data(), wt.shape()));
        if (bias != null) {
            if (!bias.hasShape(weight.size(0))) {
                throw new IllegalArgumentException("Linear '" + name + "' bias " + bias + " does not match weight "
                        + weight);
            }
            y = ops.add(y, g.initializer(name + ".bias", bias.data(), bias.shape()));
        }
        return y;
    }

    /** Exact GELU: {@code 0.5·x·(1 + erf(x/√2))}. */
    public Value gelu(Value x) {
        Value e = ops.erf(ops.mul(x, ops.scalar((float) (1.0 / Math.sqrt(2.0)))));
        return ops.mul(ops.mul(x, ops.add(e, ops.scalar(1f))), ops.scalar(0.5f));
    }

    /**
     * LayerNorm over the last axis with affine {@code gamma}, {@code beta} (each {@code (dim)}), written out as
     * mean, centring, mean of squares of the centred values. Not the opset-17 {@code LayerNormalization} operator on
     * purpose: ONNX Runtime's CPU kernel (1.23) computes the variance as {@code E[x²] − E[x]²} in float32, which
     * loses precision when |mean| ≫ std (measured max error 4e-5 at mean 5, std 2, and 1e-2 at mean 100, versus
     * 1e-6 and 2e-5 for this two-pass form).
     */
    public Value layerNorm(String name, Value x, ParameterTensor gamma, ParameterTensor beta) {
        Value mean = ops.reduceMean(x, true, -1);
        Value centred = ops.sub(x, mean);
        Value var = ops.reduceMean(ops.mul(centred, centred), true, -1);
        Value normed = ops.div(centred, ops.sqrt(ops.add(var, ops.scalar(NORM_EPS))));
        return ops.add(ops.mul(normed, g.initializer(name + ".weight", gamma.data(), gamma.shape())),
                g.initializer(name + ".bias", beta.data(), beta.shape()));
    }

    /**
     * {@code GroupNorm(1 group)} of {@code x (N, channels, L)}: mean and biased variance over channels and steps of
     * each sample, then the per-channel affine map ({@code gamma}, {@code beta} of shape {@code (channels)}).
     */
    public Value groupNormSingle(String name, Value x, ParameterTensor gamma, ParameterTensor beta) {
        requireRank(x, 3, "GroupNorm input (N, channels, L)");
        long c = gamma.size(0);
        Value mean = ops.reduceMean(x, true, 1, 2);
        Value centred = ops.sub(x, mean);
        Value var = ops.reduceMean(ops.mul(centred, centred), true, 1, 2);
        Value normed = ops.div(centred, ops.sqrt(ops.add(var, ops.scalar(NORM_EPS))));
        Value w = g.initializer(name + ".weight", gamma.data(), c, 1);
        Value b = g.initializer(name + ".bias", beta.data(), c, 1);
        return ops.add(ops.mul(normed, w), b);
    }

    /**
     * Bias-free 1-D convolution of {@code x (N, in, L)} with {@code weight (out, in, k)}, odd {@code k}, stride 1 and
     * padding {@code k/2} ("same" length).
     */
    public Value conv1d(String name, Value x, ParameterTensor weight) {
        requireRank(x, 3, "Conv1d input (N, in, L)");
        long k = weight.size(2);
        if (weight.rank() != 3 || k % 2 == 0) {
            throw new IllegalArgumentException("Conv1d '" + name + "' needs an odd-kernel (out, in, k) weight, got "
                    + weight);
        }
        return ops.conv1d(x, g.initializer(name + ".weight", weight.data(), weight.shape()), k, k / 2);
    }

    /**
     * The additive key bias of a boolean key mask {@code (N, L)} (true = real key): 0 for real keys,
     * {@link #MASKED_SCORE} for masked ones, reshaped to {@code (N, 1, …, 1, L)} of rank {@code scoresRank} so it
     * broadcasts over every other axis of the attention scores. A row without any real key gets its first key
     * un-masked, so every softmax row has at least one valid key (as the training side does).
     */
    public Value keyBias(Value mask, int scoresRank) {
        requireRank(mask, 2, "key mask (N, L)");
        if (scoresRank < 2) {
            throw new IllegalArgumentException("attention scores have rank >= 2, got " + scoresRank);
        }
        Value any = ops.cast(ops.reduceMax(ops.cast(mask, DataType.FLOAT), true, 1), DataType.BOOL);
        Value first = ops.slice(mask, g.int64s(0), g.int64s(1), g.int64s(1));
        Value rest = ops.slice(mask, g.int64s(1), g.int64s(Long.MAX_VALUE), g.int64s(1));
        Value fixed = ops.concat(1, ops.or(first, ops.not(any)), rest);
        Value bias = ops.where(fixed, ops.scalar(0f), ops.scalar(MASKED_SCORE));
        if (scoresRank == 2) {
            return bias;
        }
        long[] axes = new long[scoresRank - 2];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i + 1;
        }
        return ops.unsqueeze(bias, axes);
    }

    /**
     * Scaled dot-product attention over already projected {@code q (…, Lq, dim)}, {@code k}, {@code v}
     * {@code (…, Lk, dim)} of equal rank r ≥ 3 (leading axes broadcast, so learned queries can carry size-1 batch
     * axes). Heads are contiguous chunks of {@code dim}; scores are scaled by {@code (dim/heads)^-0.5}; {@code keyBias}
     * (from {@link #keyBias}, rank r+1) or null. Returns the concatenated heads {@code (…, Lq, dim)} before the
     * output projection.
     */
    public Value attention(Value q, Value k, Value v, long dim, long heads, Value keyBias) {
        int r = q.rank();
        if (r < 3 || k.rank() != r || v.rank() != r) {
            throw new IllegalArgumentException("attention needs q, k, v of one rank >= 3, got " + q + ", " + k
                    + ", " + v);
        }
        if (dim % heads != 0) {
            throw new IllegalArgumentException("attention dim " + dim + " is not a multiple of heads " + heads);
        }
        long headDim = dim / heads;
        // (…, L, dim) → (…, L, h, dh) → (…, h, L, dh); the leading r-2 axes and L are copied by the 0s
        long[] split = zeros(r - 1, heads, headDim);
        Value qh = ops.transpose(ops.reshape(q, split), headsFirst(r, false));
        Value kt = ops.transpose(ops.reshape(k, split), headsFirst(r, true));
        Value vh = ops.transpose(ops.reshape(v, split), headsFirst(r, false));
        Value scores = ops.matMul(ops.mul(qh, ops.scalar((float) (1.0 / Math.sqrt(headDim)))), kt);
        if (keyBias != null) {
            if (keyBias.rank() != r + 1) {
                throw new IllegalArgumentException("key bias rank " + keyBias.rank() + " does not match scores rank "
                        + (r + 1));
            }
            scores = ops.add(scores, keyBias);
        }
        Value ctx = ops.matMul(ops.softmax(scores, -1), vh);
        return ops.reshape(ops.transpose(ctx, headsFirst(r, false)), zeros(r - 1, dim));
    }

    /** {@code x / max(‖x‖₂, 1e-12)} along the last axis. */
    public Value l2Normalize(Value x) {
        Value norm = ops.max(ops.reduceL2(x, true, -1), ops.scalar(L2_EPS));
        return ops.div(x, norm);
    }

    /** Perm for a rank r+1 tensor {@code (…, L, h, dh)} → {@code (…, h, L, dh)} or, transposed, {@code (…, h, dh, L)}. */
    private static long[] headsFirst(int r, boolean keysTransposed) {
        long[] perm = new long[r + 1];
        for (int i = 0; i < r - 2; i++) {
            perm[i] = i;
        }
        perm[r - 2] = r - 1;
        if (keysTransposed) {
            perm[r - 1] = r;
            perm[r] = r - 2;
        } else {
            perm[r - 1] = r - 2;
            perm[r] = r;
        }
        return perm;
    }

    private static long[] zeros(int count, long... tail) {
        long[] s = new long[count + tail.length];
        System.arraycopy(tail, 0, s, count, tail.length);
        return s;
    }

    private static void requireRank(Value x, int rank, String what) {
        if (x.rank() != rank) {
            throw new IllegalArgumentException(what + " must have rank " + rank + ", got " + x);
        }
    }
}
