package io.tsfm.export.onnx.blocks;

import io.tsfm.export.onnx.graph.Ops;
import io.tsfm.export.onnx.graph.Value;
import io.tsfm.export.onnx.params.ParameterTensor;

/**
 * The learnable label bank's pooling of a label's frozen token states (spec §3.8):
 * <pre>
 * A   = norm(attn(queries, tokens, tokens, key bias))       (no residual with the queries)
 * emb = normalize(out_proj2(GELU(out_proj1(flatten(A)))) + mean_over_queries(A))
 * </pre>
 * {@code tokens (U, K, E)} → unit rows {@code (U, E)}. Parameters under {@code path}: {@code queries (q, E)},
 * {@code attn} (packed), {@code norm}, {@code out_proj1 (E, q·E)}, {@code out_proj2 (E, E)}. The key bias is
 * {@code Layers.keyBias(token_mask, 4)}. Stateless.
 */
public final class LabelAttentionPoolingGraph {

    private LabelAttentionPoolingGraph() {}

    /** See the class comment. */
    public static Value apply(BlockContext ctx, String path, Value tokens, Value keyBias, long dim, long numQueries,
                              long heads) {
        Ops ops = ctx.ops();
        ParameterTensor queries = ctx.params().get(path + ".queries", numQueries, dim);
        Value q0 = ctx.graph().initializer(path + ".queries", queries.data(), 1, numQueries, dim);
        Value a = ctx.layerNorm(path + ".norm",
                AttentionGraph.packed(ctx, path + ".attn", q0, tokens, tokens, dim, heads, keyBias), dim);
        Value flat = ops.reshape(a, 0, -1);
        Value emb = ctx.dense(path + ".out_proj2",
                ctx.gelu(ctx.dense(path + ".out_proj1", flat, numQueries * dim, dim)), dim, dim);
        return ctx.layers().l2Normalize(ops.add(emb, ops.reduceMean(a, false, 1)));
    }
}
