package io.tsfm.training.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;

/**
 * The read-out that ends learned-query attention pooling (spec §3.7):
 * {@code MLP(flatten(A)) + mean_over_queries(A)} for {@code A (N, q, d)}, MLP = Linear(q·d→d) → GELU → Linear(d→d),
 * the last layer N(0, 0.01²) with zero bias. The pooling blocks own the two layers (under their own names, which the
 * checkpoints use); this is their construction and the math. Stateless and thread-safe.
 */
public final class QueryReadout {

    private QueryReadout() {}

    /** The MLP's first layer, {@code q·d → d}. */
    public static Dense first(long numQueries, long dim) {
        return Dense.of(numQueries * dim, dim);
    }

    /** The MLP's last layer, {@code d → d}, N(0, 0.01²) with zero bias. */
    public static Dense last(long dim) {
        return Dense.builder().setInFeatures(dim).setOutFeatures(dim)
                .optWeightInit(Inits.normal(0.01)).optBiasInit(Inits.zeros()).build();
    }

    /** {@code last(GELU(first(flatten(a)))) + mean_over_queries(a)} for {@code a (N, q, d)} → {@code (N, d)}. */
    public static NDArray apply(ParameterStore ps, Dense first, Dense last, NDArray a, boolean training) {
        Shape s = a.getShape();
        NDArray mlp = last.apply(ps, Activation.gelu(first.apply(ps, a.reshape(s.get(0), s.get(1) * s.get(2)), training)),
                training);
        return mlp.add(a.mean(new int[] {1}));
    }
}
