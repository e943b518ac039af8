package io.tsfm.training.model.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import io.tsfm.training.model.layers.Dense;
import io.tsfm.training.model.layers.SingleInputBlock;

/**
 * What the per-patch z-score throws away, given back to the encoder: each patch and channel's mean and scale
 * features {@code (B, P, C, 2)} ({@code PatchedWindow#stats()}) through {@code fc1: Linear(2→D) → GELU →
 * fc2: Linear(D→D)}, a {@code (B, P, C, D)} term added to the patch features. Without it the model cannot tell the
 * direction of gravity (sitting vs standing vs lying) or the intensity of a movement (walking vs jogging).
 * The second layer starts at zero, so an untrained block leaves the encoder as it was.
 */
public final class AmplitudeEmbedding extends SingleInputBlock {

    private final Dense fc1;
    private final Dense fc2;

    /** A block producing {@code dModel}-wide terms. */
    public AmplitudeEmbedding(int dModel) {
        fc1 = addChildBlock("fc1", Dense.of(2, dModel));
        fc2 = addChildBlock("fc2", Dense.builder().setInFeatures(dModel).setOutFeatures(dModel)
                .optWeightInit(new ai.djl.training.initializer.ConstantInitializer(0f))
                .optBiasInit(new ai.djl.training.initializer.ConstantInitializer(0f)).build());
    }

    /** {@code stats (…, 2)} → {@code (…, D)}. */
    public NDArray apply(ParameterStore ps, NDArray stats, boolean training) {
        return fc2.apply(ps, Activation.gelu(fc1.apply(ps, stats, training)), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return fc2.getOutputShapes(fc1.getOutputShapes(inputShapes));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        fc1.initialize(manager, dataType, inputShapes[0]);
        fc2.initialize(manager, dataType, fc1.getOutputShapes(inputShapes));
    }
}
