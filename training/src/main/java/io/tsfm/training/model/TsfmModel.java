package io.tsfm.training.model;

import io.tsfm.training.model.config.TsfmConfig;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.tsfm.training.model.encoder.TsfmEncoder;
import io.tsfm.training.model.head.SemanticAlignmentHead;
import io.tsfm.training.model.text.ChannelTextFusion;

/**
 * The IMU tower of TSFM (spec §3.1): {@link TsfmEncoder} → {@link ChannelTextFusion} → {@link SemanticAlignmentHead}.
 * This is the part exported for serving.
 *
 * <p>Forward inputs: see {@link TsfmInputs} (6 arrays, or 3 when ChannelTextFusion is disabled). Output NDList of one
 * array: {@code (B, P, E)} unit embeddings per patch for per-patch tiers, {@code (B, E)} for pooled tiers. Embeddings
 * of padded patches are computed but meaningless. Inputs are validated on every call (shape, dtype, ≥1 real patch and
 * channel per sample, index range).
 *
 * <p>Parameters are allocated by {@link #initialize(NDManager, DataType, Shape...)} (or implicitly by the first
 * training-mode forward); all parameter shapes are fixed by the config, so {@code getParameters()} can be counted
 * before that. Not thread-safe for initialisation; concurrent inference-mode forwards are as safe as the engine.
 */
public final class TsfmModel extends AbstractBlock {

    private final TsfmConfig config;
    private final TsfmEncoder encoder;
    private final ChannelTextFusion channelTextFusion;
    private final SemanticAlignmentHead head;

    /** Builds an uninitialised model for a configuration. */
    public TsfmModel(TsfmConfig config) {
        this.config = config;
        encoder = addChildBlock("encoder", new TsfmEncoder(config));
        channelTextFusion = config.isUseChannelTextFusion()
                ? addChildBlock("channel_text_fusion", new ChannelTextFusion(config)) : null;
        head = addChildBlock("head", new SemanticAlignmentHead(config));
    }

    /** The configuration. */
    public TsfmConfig getConfig() {
        return config;
    }

    /** The encoder. */
    public TsfmEncoder getEncoder() {
        return encoder;
    }

    /** ChannelTextFusion, or null when the config disables it. */
    public ChannelTextFusion getChannelTextFusion() {
        return channelTextFusion;
    }

    /** The semantic alignment head. */
    public SemanticAlignmentHead getHead() {
        return head;
    }

    /** Runs the model; see the class comment. */
    public NDArray apply(ParameterStore ps, TsfmInputs in, boolean training) {
        in.validate(config);
        NDArray x = encoder.apply(ps, in.patches(), in.patchMask(), in.channelMask(), in.patchStats(), training);
        if (channelTextFusion != null) {
            x = channelTextFusion.apply(ps, x, in.channelTokens(), in.channelTokenMask(), in.channelIndex(), training);
        }
        return head.apply(ps, x, in.patchMask(), in.channelMask(), training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(apply(ps, TsfmInputs.from(inputs), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape p = inputShapes[0];
        Shape encoded = new Shape(p.get(0), p.get(1), p.get(3), config.getDModel());
        return head.getOutputShapes(new Shape[] {encoded});
    }

    /** Allocates all parameters using nominal input shapes (1 sample, 1 patch, 1 channel, 1 text row of 1 token). */
    public void initialize(NDManager manager, DataType dataType) {
        initialize(manager, dataType, nominalInputShapes(config));
    }

    /** Nominal input shapes for {@link #initialize(NDManager, DataType, Shape...)}. */
    public static Shape[] nominalInputShapes(TsfmConfig config) {
        java.util.List<Shape> shapes = new java.util.ArrayList<>(java.util.List.of(
                new Shape(1, 1, config.getTargetPatchSize(), 1), new Shape(1, 1), new Shape(1, 1)));
        if (config.isUseChannelTextFusion()) {
            shapes.addAll(java.util.List.of(new Shape(1, 1, config.getContrastiveTextDim()), new Shape(1, 1),
                    new Shape(1, 1)));
        }
        if (config.isUseAmplitudeStats()) shapes.add(new Shape(1, 1, 1, 2));
        return shapes.toArray(new Shape[0]);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        encoder.initialize(manager, dataType, inputShapes[0], inputShapes[1], inputShapes[2]);
        Shape encoded = encoder.getOutputShapes(new Shape[] {inputShapes[0]})[0];
        if (channelTextFusion != null) {
            channelTextFusion.initialize(manager, dataType, encoded, inputShapes[3], inputShapes[4], inputShapes[5]);
        }
        head.initialize(manager, dataType, encoded, inputShapes[1], inputShapes[2]);
    }
}
