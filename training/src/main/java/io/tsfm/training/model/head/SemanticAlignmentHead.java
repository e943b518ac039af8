package io.tsfm.training.model.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.tsfm.training.model.config.TsfmConfig;
import io.tsfm.training.model.layers.KeyMasks;
import io.tsfm.training.model.layers.ThreeInputBlock;
import io.tsfm.training.model.layers.Vectors;

/**
 * Maps encoder tokens to the shared text space (spec §3.7). Forward inputs: {@code x (B, P, C, D)},
 * {@code patch_mask (B, P)}, {@code channel_mask (B, C)} (boolean). Output, L2-normalised on the last axis:
 * <ul>
 *   <li>per-patch tiers: CrossChannelFusion → ProjectionHead per patch → {@code (B, P, E)};</li>
 *   <li>pooled tiers: CrossChannelFusion → TemporalAttention → MultiQueryPooling → ProjectionHead → {@code (B, E)}.</li>
 * </ul>
 * TemporalAttention and the pooling block exist in every tier (checkpoint parity) but per-patch tiers never run them.
 */
public final class SemanticAlignmentHead extends ThreeInputBlock {

    private final boolean perPatch;
    private final int fusedDim;
    private final int outDim;
    private final CrossChannelFusion crossChannelFusion;
    private final TemporalAttention temporalAttention;
    private final MultiQueryAttention attentionPooling;
    private final ProjectionHead projection;

    /** Builds the head of a configuration. */
    public SemanticAlignmentHead(TsfmConfig config) {
        perPatch = config.isPerPatchPrediction();
        fusedDim = config.getDModelFused();
        outDim = config.getSemanticDim();
        int heads = config.getNumHeads();
        double dropout = config.getDropout();
        crossChannelFusion = addChildBlock("cross_channel_fusion", new CrossChannelFusion(config.getDModel(),
                fusedDim, config.getNumFusionQueries(), heads, dropout, config.isUseFusionSelfAttention()));
        temporalAttention = addChildBlock("temporal_attention",
                new TemporalAttention(fusedDim, heads, config.getNumSemanticTemporalLayers(), dropout));
        attentionPooling = addChildBlock("attention_pooling", new MultiQueryAttention(fusedDim,
                config.getNumPoolQueries(), heads, dropout, config.isUsePoolSelfAttention()));
        projection = addChildBlock("projection", new ProjectionHead(fusedDim, outDim));
    }

    /** Whether the head emits one embedding per patch. */
    public boolean isPerPatch() {
        return perPatch;
    }

    /** The channel-fusion stage. */
    public CrossChannelFusion getCrossChannelFusion() {
        return crossChannelFusion;
    }

    /** The pooled path's temporal transformer. */
    public TemporalAttention getTemporalAttention() {
        return temporalAttention;
    }

    /** The pooled path's MultiQueryPooling. */
    public MultiQueryAttention getAttentionPooling() {
        return attentionPooling;
    }

    /** The projection head. */
    public ProjectionHead getProjection() {
        return projection;
    }

    /** See the class comment for shapes. */
    public NDArray apply(ParameterStore ps, NDArray x, NDArray patchMask, NDArray channelMask, boolean training) {
        long p = x.getShape().get(1);
        NDArray fused = crossChannelFusion.apply(ps, x, KeyMasks.perPatchChannelBias(channelMask, p), training);
        if (perPatch) {
            return Vectors.l2Normalize(projection.apply(ps, fused, training));
        }
        NDArray patchBias = KeyMasks.keyBias(patchMask);
        NDArray seq = temporalAttention.apply(ps, fused, patchBias, training);
        NDArray pooled = attentionPooling.apply(ps, seq, patchBias, training);
        return Vectors.l2Normalize(projection.apply(ps, pooled, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {perPatch ? new Shape(s.get(0), s.get(1), outDim) : new Shape(s.get(0), outDim)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        long b = s.get(0);
        long p = s.get(1);
        long c = s.get(2);
        crossChannelFusion.initialize(manager, dataType, s, new Shape(b * p, 1, 1, c));
        Shape fused = new Shape(b, p, fusedDim);
        Shape patchBias = new Shape(b, 1, 1, p);
        temporalAttention.initialize(manager, dataType, fused, patchBias);
        attentionPooling.initialize(manager, dataType, fused, patchBias);
        projection.initialize(manager, dataType, new Shape(b, p, fusedDim));
    }
}
