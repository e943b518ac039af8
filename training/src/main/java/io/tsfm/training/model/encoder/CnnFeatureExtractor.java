package io.tsfm.training.model.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import io.tsfm.training.model.config.TsfmConfig;
import io.tsfm.training.model.layers.Dense;

/**
 * The {@code cnn} extractor (FixedPatchCNN, Small tier): conv blocks → global average →
 * {@code Linear(64→D) → GELU → Dropout}.
 */
public final class CnnFeatureExtractor extends PatchFeatureExtractor {

    private final float dropout;
    private final ConvStack convs;
    private final Dense proj;

    /** Builds the extractor for a configuration. */
    public CnnFeatureExtractor(TsfmConfig config) {
        super(config.getTargetPatchSize(), config.getDModel());
        dropout = (float) config.getDropout();
        convs = addChildBlock("convs", new ConvStack(config.getCnnChannels(), config.getCnnKernelSizes()[0], dropout));
        proj = addChildBlock("proj", Dense.of(convs.getOutChannels(), dModel));
    }

    @Override
    protected NDArray features(ParameterStore ps, NDArray series, boolean training) {
        NDArray pooled = convs.apply(ps, series.expandDims(1), training);
        NDArray y = Activation.gelu(proj.apply(ps, pooled, training));
        return Dropout.dropout(y, dropout, training).singletonOrThrow();
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape series = seriesShape(inputShapes[0]);
        Shape convIn = new Shape(series.get(0), 1, series.get(1));
        convs.initialize(manager, dataType, convIn);
        proj.initialize(manager, dataType, convs.getOutputShapes(new Shape[] {convIn}));
    }
}
