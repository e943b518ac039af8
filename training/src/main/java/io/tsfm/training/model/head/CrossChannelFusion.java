package io.tsfm.training.model.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.tsfm.training.model.layers.Dense;
import io.tsfm.training.model.layers.TwoInputBlock;

/**
 * Fuses the channels of every patch into one vector (spec §3.7): {@code Linear(D→D_f)} per token, then
 * {@link MultiQueryAttention} over the channels with the channel mask. Forward inputs: {@code x (B, P, C, D)},
 * channel key bias {@code (B·P, 1, 1, C)}; output {@code (B, P, D_f)}.
 */
public final class CrossChannelFusion extends TwoInputBlock {

    private final long fusedDim;
    private final Dense proj;
    private final MultiQueryAttention fusion;

    /** Fusion from width {@code dModel} to {@code fusedDim}. */
    public CrossChannelFusion(int dModel, int fusedDim, int numQueries, int heads, double dropout,
                              boolean selfAttention) {
        this.fusedDim = fusedDim;
        proj = addChildBlock("proj", Dense.of(dModel, fusedDim));
        fusion = addChildBlock("fusion", new MultiQueryAttention(fusedDim, numQueries, heads, dropout, selfAttention));
    }

    /** See the class comment for shapes. */
    public NDArray apply(ParameterStore ps, NDArray x, NDArray channelBias, boolean training) {
        Shape s = x.getShape();
        long b = s.get(0);
        long p = s.get(1);
        long c = s.get(2);
        NDArray tokens = proj.apply(ps, x, training).reshape(b * p, c, fusedDim);
        return fusion.apply(ps, tokens, channelBias, training).reshape(b, p, fusedDim);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), s.get(1), fusedDim)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        proj.initialize(manager, dataType, s);
        fusion.initialize(manager, dataType, new Shape(s.get(0) * s.get(1), s.get(2), fusedDim), inputShapes[1]);
    }
}
