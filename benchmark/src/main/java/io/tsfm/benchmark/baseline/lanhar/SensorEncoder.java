package io.tsfm.benchmark.baseline.lanhar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.tsfm.training.model.head.PreNormEncoderLayer;
import io.tsfm.training.model.layers.Dense;
import io.tsfm.training.model.layers.Inits;
import io.tsfm.training.model.layers.LayerNormalization;
import io.tsfm.training.model.layers.SingleInputBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * LanHAR's sensor transformer, CPU-sized: a gravity-aligned {@code (N, 120, 6)} window is cut into tokens of
 * {@code tokenSteps} consecutive samples (20 tokens of 0.3 s by default; the reference embeds every time step, which
 * costs 36× the attention on a CPU), each embedded linearly with a learned position, then {@code layers} pre-norm
 * transformer layers of width {@code dim}, a LayerNorm, mean pooling over tokens and a linear map into the shared
 * text space. Output {@code (N, D)}, not normalised.
 */
public final class SensorEncoder extends SingleInputBlock {
    /** Samples per window (20 Hz, 6 s). */
    public static final int STEPS = 120;
    /** Channels: acc x, y, z, gyro x, y, z. */
    public static final int CHANNELS = 6;

    private final int tokenSteps;
    private final int dim;
    private final Dense embed;
    private final Parameter position;
    private final List<PreNormEncoderLayer> layers = new ArrayList<>();
    private final LayerNormalization norm;
    private final Dense projection;

    /**
     * @param tokenSteps samples per token (divides 120)
     * @param dim        transformer width
     * @param layers     transformer layers (3 in the reference)
     * @param heads      attention heads (divide {@code dim})
     * @param sharedDim  width of the shared sensor–text space
     */
    public SensorEncoder(int tokenSteps, int dim, int layers, int heads, int sharedDim) {
        if (tokenSteps < 1 || STEPS % tokenSteps != 0) {
            throw new IllegalArgumentException("token length " + tokenSteps + " must divide " + STEPS);
        }
        this.tokenSteps = tokenSteps;
        this.dim = dim;
        embed = addChildBlock("embed", Dense.of((long) tokenSteps * CHANNELS, dim));
        position = addParameter(Parameter.builder().setName("position").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(1, STEPS / tokenSteps, dim)).optInitializer(Inits.normal(0.02)).build());
        for (int i = 0; i < layers; i++) {
            this.layers.add(addChildBlock("layer" + i, new PreNormEncoderLayer(dim, heads, 2 * dim, 0.1)));
        }
        norm = addChildBlock("final_norm", new LayerNormalization(dim));
        projection = addChildBlock("projection", Dense.of(dim, sharedDim));
    }

    /** Embeds windows {@code (N, 120, 6)}. */
    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        long n = x.getShape().get(0);
        int tokens = STEPS / tokenSteps;
        NDArray h = embed.apply(ps, x.reshape(n, tokens, (long) tokenSteps * CHANNELS), training)
                .add(ps.getValue(position, x.getDevice(), training));
        for (PreNormEncoderLayer l : layers) h = l.apply(ps, h, null, training);
        return projection.apply(ps, norm.apply(ps, h, training).mean(new int[] {1}), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), projection.getOutFeatures())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long n = inputShapes[0].get(0);
        Shape tok = new Shape(n, STEPS / tokenSteps, dim);
        embed.initialize(manager, dataType, new Shape(n, STEPS / tokenSteps, (long) tokenSteps * CHANNELS));
        for (PreNormEncoderLayer l : layers) l.initialize(manager, dataType, tok, new Shape(n, 1, 1, tok.get(1)));
        norm.initialize(manager, dataType, tok);
        projection.initialize(manager, dataType, new Shape(n, dim));
    }
}
