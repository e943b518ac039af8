package io.tsfm.export.djl;

import io.tsfm.core.preprocess.PatchingConfig;
import io.tsfm.export.onnx.TsfmGraphConfig;
import io.tsfm.training.model.config.FeatureExtractorType;
import io.tsfm.training.model.config.TsfmConfig;

/**
 * Translates the training side's {@link TsfmConfig} into the graph builder's {@link TsfmGraphConfig}. Stateless.
 */
public final class GraphConfigs {

    private GraphConfigs() {}

    /**
     * The serving-graph configuration of a trained model. The embedded positional table holds
     * {@code min(max_patches, 48)} rows: serving caps windows at the preprocessing patch cap of 48.
     *
     * @throws IllegalArgumentException for settings the graph does not express (several conv kernel sizes, patches
     *                                  not resampled to 64 steps)
     */
    public static TsfmGraphConfig of(TsfmConfig c) {
        if (c.getCnnKernelSizes().length != 1) {
            throw new IllegalArgumentException("the ONNX graph supports one conv kernel size, the model has "
                    + java.util.Arrays.toString(c.getCnnKernelSizes()));
        }
        if (c.getTargetPatchSize() != PatchingConfig.STEPS) {
            throw new IllegalArgumentException("the ONNX graph expects " + PatchingConfig.STEPS
                    + "-step patches, the model has " + c.getTargetPatchSize());
        }
        return TsfmGraphConfig.builder()
                .setDModel(c.getDModel())
                .setNumHeads(c.getNumHeads())
                .setNumLayers(c.getNumTemporalLayers())
                .setFfnDim(c.getDimFeedforward())
                .setExtractor(c.getFeatureExtractorType() == FeatureExtractorType.CNN
                        ? TsfmGraphConfig.Extractor.CNN : TsfmGraphConfig.Extractor.SPECTRAL_TEMPORAL)
                .optSpectralDim(c.getFeatureExtractorType() == FeatureExtractorType.CNN ? 0 : c.getSpectralDim())
                .optCnnChannels(c.getCnnChannels())
                .optCnnKernel(c.getCnnKernelSizes()[0])
                .optCrossChannel(c.isUseCrossChannel())
                .optChannelTextFusion(c.isUseChannelTextFusion())
                .optAmplitudeStats(c.isUseAmplitudeStats())
                .setFusedDim(c.getDModelFused())
                .setEmbeddingDim(c.getSemanticDim())
                .setNumFusionQueries(c.getNumFusionQueries())
                .optFusionSelfAttention(c.isUseFusionSelfAttention())
                .setPerPatch(c.isPerPatchPrediction())
                .optNumPoolQueries(c.getNumPoolQueries())
                .optPoolSelfAttention(c.isUsePoolSelfAttention())
                .optNumHeadTemporalLayers(c.getNumSemanticTemporalLayers())
                .optPositionRows(servingMaxPatches(c))
                .build();
    }

    /** Patches per window at serving: the model's own limit, capped at the preprocessing default of 48. */
    public static int servingMaxPatches(TsfmConfig c) {
        return Math.min(c.getMaxPatches(), PatchingConfig.DEFAULT_MAX_PATCHES);
    }
}
