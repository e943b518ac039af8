package io.tsfm.export.onnx.blocks;

import io.tsfm.export.onnx.graph.Ops;
import io.tsfm.export.onnx.graph.Value;
import io.tsfm.export.onnx.params.ParameterTensor;
import java.util.Arrays;

/**
 * Learned-query pooling, the head's building block (spec §3.7), over the second-to-last axis of
 * {@code x (…, L, d)}:
 * <pre>
 * A   = norm1(Q0 + cross_attn(Q0, X, X, key bias))
 * A   = norm2(A + self_attn(A, A, A))                 [if self-attention]
 * out = mlp2(GELU(mlp1(flatten(A)))) + mean_over_queries(A)
 * </pre>
 * giving {@code (…, d)}, not normalised. Parameters {@code queries (q, d)}, packed {@code cross_attn} and
 * {@code self_attn}, {@code norm1}, {@code norm2}, {@code mlp1 (d, q·d)}, {@code mlp2 (d, d)}. The key bias has the
 * rank of the scores, {@code x.rank() + 1}, or is null. Stateless.
 */
public final class MultiQueryAttentionGraph {

    private MultiQueryAttentionGraph() {}

    /** See the class comment. */
    public static Value apply(BlockContext ctx, String path, Value x, long dim, long numQueries, long heads,
                              boolean selfAttention, Value keyBias) {
        Ops ops = ctx.ops();
        int r = x.rank();
        // the learned queries carry size-1 leading axes so they broadcast over every batch axis of x
        long[] qShape = new long[r];
        Arrays.fill(qShape, 1);
        qShape[r - 2] = numQueries;
        qShape[r - 1] = dim;
        ParameterTensor queries = ctx.params().get(path + ".queries", numQueries, dim);
        Value q0 = ctx.graph().initializer(path + ".queries", queries.data(), qShape);

        Value a = AttentionGraph.packed(ctx, path + ".cross_attn", q0, x, x, dim, heads, keyBias);
        a = ctx.layerNorm(path + ".norm1", ops.add(a, q0), dim);
        if (selfAttention) {
            a = ctx.layerNorm(path + ".norm2",
                    ops.add(a, AttentionGraph.packed(ctx, path + ".self_attn", a, a, a, dim, heads, null)), dim);
        }
        long[] flatShape = new long[r - 1];
        flatShape[r - 2] = -1;
        Value flat = ops.reshape(a, flatShape);
        Value mlp = ctx.dense(path + ".mlp2", ctx.gelu(ctx.dense(path + ".mlp1", flat, numQueries * dim, dim)),
                dim, dim);
        return ops.add(mlp, ops.reduceMean(a, false, r - 2));
    }
}
