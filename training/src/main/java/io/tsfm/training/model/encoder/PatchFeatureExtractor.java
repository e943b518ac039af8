package io.tsfm.training.model.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.tsfm.training.model.config.TsfmConfig;
import io.tsfm.training.model.layers.SingleInputBlock;

/**
 * Channel-independent patch tokenizer (spec §3.2): every (patch, channel) series of S normalised samples becomes a
 * D-dimensional feature. Input {@code patches (B, P, S, C)}, output {@code (B, P, C, D)}.
 */
public abstract class PatchFeatureExtractor extends SingleInputBlock {

    /** Patch length S. */
    protected final int patchSize;
    /** Output width D. */
    protected final int dModel;

    /** Sets the shared sizes. */
    protected PatchFeatureExtractor(int patchSize, int dModel) {
        this.patchSize = patchSize;
        this.dModel = dModel;
    }

    /** The variant the configuration asks for. */
    public static PatchFeatureExtractor create(TsfmConfig config) {
        switch (config.getFeatureExtractorType()) {
            case CNN:
                return new CnnFeatureExtractor(config);
            case SPECTRAL_TEMPORAL:
                return new SpectralTemporalFeatureExtractor(config);
            default:
                throw new IllegalArgumentException("unsupported extractor " + config.getFeatureExtractorType());
        }
    }

    /** Features of the flattened series {@code x (N, S)} → {@code (N, D)}. */
    protected abstract NDArray features(ParameterStore ps, NDArray series, boolean training);

    /** {@code patches (B, P, S, C)} → {@code (B, P, C, D)}. */
    public NDArray apply(ParameterStore ps, NDArray patches, boolean training) {
        Shape s = patches.getShape();
        if (s.dimension() != 4 || s.get(2) != patchSize) {
            throw new IllegalArgumentException("patches must be (B, P, " + patchSize + ", C), got " + s);
        }
        long b = s.get(0);
        long p = s.get(1);
        long c = s.get(3);
        NDArray series = patches.transpose(0, 1, 3, 2).reshape(b * p * c, patchSize);
        return features(ps, series, training).reshape(b, p, c, dModel);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), s.get(1), s.get(3), dModel)};
    }

    /** Shape of the flattened series for a given patches shape. */
    protected Shape seriesShape(Shape patchesShape) {
        return new Shape(patchesShape.get(0) * patchesShape.get(1) * patchesShape.get(3), patchSize);
    }
}
