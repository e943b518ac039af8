package io.tsfm.export.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import io.tsfm.core.preprocess.PatchedWindow;
import io.tsfm.core.preprocess.PatchingConfig;
import io.tsfm.core.runtime.BundleLayout;
import io.tsfm.export.onnx.blocks.BlockContext;
import io.tsfm.export.onnx.blocks.ChannelTextFusionGraph;
import io.tsfm.export.onnx.blocks.CrossChannelFusionGraph;
import io.tsfm.export.onnx.blocks.DualBranchBlockGraph;
import io.tsfm.export.onnx.blocks.FeatureExtractorGraph;
import io.tsfm.export.onnx.blocks.MultiQueryAttentionGraph;
import io.tsfm.export.onnx.blocks.PadTokenGraph;
import io.tsfm.export.onnx.blocks.ProjectionHeadGraph;
import io.tsfm.export.onnx.blocks.TemporalAttentionGraph;
import io.tsfm.export.onnx.blocks.TemporalPositionalEncodingGraph;
import io.tsfm.export.onnx.graph.Dim;
import io.tsfm.export.onnx.graph.OnnxGraph;
import io.tsfm.export.onnx.graph.Value;
import io.tsfm.export.onnx.params.ParameterSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The whole serving network (spec §3.11) as an ONNX graph, built from trained weights: encoder → ChannelTextFusion →
 * semantic alignment head, L2-normalised.
 *
 * <p>Inputs, dynamic {@code B}, {@code P}, {@code C}: {@value #PATCHES} {@code (B, P, 64, C)} float32 (preprocessed
 * per spec §2), {@value #CHANNEL_EMB} {@code (B, C, D)} float32 (the precomputed ChannelTextFusion text vector
 * {@code ch} of each channel's description; absent when the config disables the fusion), {@value #CHANNEL_MASK}
 * {@code (B, C)} bool and {@value #PATCH_MASK} {@code (B, P)} bool (true = real). Output {@value #PATCH_EMB}
 * {@code (B, P, E)} for per-patch tiers or {@value #WINDOW_EMB} {@code (B, E)} for pooled tiers, unit rows.
 * Padded patches and channels only ever act as masked keys, so the real outputs equal those of the window without
 * them; outputs at padded patches are meaningless. A sample without any real patch or channel gives finite but
 * meaningless outputs (its first key is un-masked), so callers reject such samples before the graph. P must not
 * exceed {@link TsfmGraphConfig#positionRows()}.
 *
 * <p>Parameter names are the block paths of the training {@code TsfmModel} (e.g.
 * {@code encoder.layer0.temporal_attn.query.weight}); {@link #parameterManifest()} lists exactly what was read.
 * Immutable once built and thread-safe.
 */
public final class TsfmOnnxGraph {

    /** Input: preprocessed patches {@code (B, P, 64, C)} float32. */
    public static final String PATCHES = BundleLayout.PATCHES;
    /** Input: per-channel text vectors {@code (B, C, D)} float32. */
    public static final String CHANNEL_EMB = BundleLayout.CHANNEL_EMB;
    /** Input: real channels {@code (B, C)} bool. */
    public static final String CHANNEL_MASK = BundleLayout.CHANNEL_MASK;
    /** Input: real patches {@code (B, P)} bool. */
    public static final String PATCH_MASK = BundleLayout.PATCH_MASK;
    /** Input of amplitude-aware models: per patch and channel mean and scale features {@code (B, P, C, 2)} float32. */
    public static final String PATCH_STATS = BundleLayout.PATCH_STATS;
    /** Output of per-patch tiers: unit embeddings {@code (B, P, E)}. */
    public static final String PATCH_EMB = BundleLayout.PATCH_EMB;
    /** Output of pooled tiers: unit embeddings {@code (B, E)}. */
    public static final String WINDOW_EMB = BundleLayout.WINDOW_EMB;

    private final TsfmGraphConfig config;
    private final ModelProto model;
    private final Map<String, long[]> manifest;
    private final Set<String> unused;

    private TsfmOnnxGraph(TsfmGraphConfig config, ModelProto model, Map<String, long[]> manifest,
                          Set<String> unused) {
        this.config = config;
        this.model = model;
        this.manifest = manifest;
        this.unused = unused;
    }

    /**
     * Builds the graph of {@code config} with weights from {@code params}.
     *
     * @throws java.util.NoSuchElementException naming a missing parameter
     * @throws IllegalArgumentException         naming a parameter whose shape does not fit the config
     */
    public static TsfmOnnxGraph build(TsfmGraphConfig config, ParameterSource params) {
        OnnxGraph graph = new OnnxGraph("tsfm");
        BlockContext ctx = new BlockContext(graph, params);
        Dim b = Dim.dynamic("B");
        Dim p = Dim.dynamic("P");
        Dim c = Dim.dynamic("C");
        long d = config.dModel();

        Value patches = graph.input(PATCHES, DataType.FLOAT, b, p, Dim.of(PatchingConfig.STEPS), c);
        Value channelEmb = config.channelTextFusion() ? graph.input(CHANNEL_EMB, DataType.FLOAT, b, c, Dim.of(d))
                : null;
        Value channelMask = graph.input(CHANNEL_MASK, DataType.BOOL, b, c);
        Value patchMask = graph.input(PATCH_MASK, DataType.BOOL, b, p);
        Value patchStats = config.amplitudeStats()
                ? graph.input(PATCH_STATS, DataType.FLOAT, b, p, c, Dim.of(PatchedWindow.STATS)) : null;

        // one key bias per mask, shared by every attention over that axis (scores of rank 5: (B, ·, h, L, L))
        Value temporalBias = ctx.layers().keyBias(patchMask, 5);
        Value channelBias = ctx.layers().keyBias(channelMask, 5);

        Value encoded = graph.scoped("encoder",
                () -> encoder(ctx, config, patches, patchStats, patchMask, temporalBias, channelBias));
        Value fused = channelEmb == null ? encoded : graph.scoped("channel_text_fusion",
                () -> ChannelTextFusionGraph.apply(ctx, "channel_text_fusion", encoded, channelEmb, d));
        Value x = graph.scoped("head", () -> head(ctx, config, fused, patchMask, channelBias));
        Dim e = Dim.of(config.embeddingDim());
        if (config.perPatch()) {
            graph.output(x, PATCH_EMB, DataType.FLOAT, b, p, e);
        } else {
            graph.output(x, WINDOW_EMB, DataType.FLOAT, b, e);
        }
        return new TsfmOnnxGraph(config, graph.toModel(), ctx.params().manifest(), ctx.params().unused());
    }

    private static Value encoder(BlockContext ctx, TsfmGraphConfig cfg, Value patches, Value patchStats,
                                 Value patchMask, Value temporalBias, Value channelBias) {
        long d = cfg.dModel();
        Value x = ctx.graph().scoped("features", () -> cfg.extractor() == TsfmGraphConfig.Extractor.CNN
                ? FeatureExtractorGraph.cnn(ctx, "encoder.features", patches, cfg.cnnChannels(), cfg.cnnKernel(), d)
                : FeatureExtractorGraph.spectralTemporal(ctx, "encoder.features", patches, cfg.cnnChannels(),
                        cfg.cnnKernel(), cfg.temporalDim(), cfg.spectralDim()));
        if (patchStats != null) {
            // the amplitude the per-patch z-score removed: fc2(GELU(fc1(stats))) added to the patch features
            Value feats = x;
            x = ctx.graph().scoped("amplitude", () -> ctx.ops().add(feats, ctx.dense("encoder.amplitude.fc2",
                    ctx.gelu(ctx.dense("encoder.amplitude.fc1", patchStats, PatchedWindow.STATS, d)), d, d)));
        }
        x = PadTokenGraph.apply(ctx, "encoder", x, patchMask, d);
        x = TemporalPositionalEncodingGraph.apply(ctx, "encoder.positional_encoding", x, d, cfg.positionRows());
        for (int i = 0; i < cfg.numLayers(); i++) {
            Value in = x;
            String path = "encoder.layer" + i;
            x = ctx.graph().scoped("layer" + i, () -> DualBranchBlockGraph.apply(ctx, path, in, d, cfg.numHeads(),
                    cfg.ffnDim(), cfg.crossChannel(), temporalBias, channelBias));
        }
        return x;
    }

    private static Value head(BlockContext ctx, TsfmGraphConfig cfg, Value x, Value patchMask, Value channelBias) {
        long df = cfg.fusedDim();
        Value fused = CrossChannelFusionGraph.apply(ctx, "head.cross_channel_fusion", x, cfg.dModel(), df,
                cfg.numFusionQueries(), cfg.numHeads(), cfg.fusionSelfAttention(), channelBias);
        if (!cfg.perPatch()) {
            Value patchBias = ctx.layers().keyBias(patchMask, 4);
            Value seq = TemporalAttentionGraph.apply(ctx, "head.temporal_attention", fused, df, cfg.numHeads(),
                    cfg.numHeadTemporalLayers(), patchBias);
            fused = MultiQueryAttentionGraph.apply(ctx, "head.attention_pooling", seq, df, cfg.numPoolQueries(),
                    cfg.numHeads(), cfg.poolSelfAttention(), patchBias);
        }
        Value projected = ProjectionHeadGraph.apply(ctx, "head.projection", fused, df, cfg.embeddingDim());
        return ctx.layers().l2Normalize(projected);
    }

    /** The configuration the graph was built for. */
    public TsfmGraphConfig config() {
        return config;
    }

    /** The ONNX model. */
    public ModelProto model() {
        return model;
    }

    /** The serialised model for {@code OrtEnvironment.createSession(byte[])}. */
    public byte[] toBytes() {
        return model.toByteArray();
    }

    /** Writes the model to {@code file}. */
    public void save(Path file) throws IOException {
        Files.write(file, toBytes());
    }

    /** Name of the graph output ({@link #PATCH_EMB} or {@link #WINDOW_EMB}). */
    public String outputName() {
        return config.perPatch() ? PATCH_EMB : WINDOW_EMB;
    }

    /** Every parameter the graph embeds, name → shape, in reading order. */
    public Map<String, long[]> parameterManifest() {
        return manifest;
    }

    /**
     * Parameters of the source the graph does not use (for a trained model: the label bank, the text side of
     * ChannelTextFusion, {@code mask_token}, and the pooled-path head modules of per-patch tiers).
     */
    public Set<String> unusedParameters() {
        return unused;
    }
}
