package io.tsfm.training.model.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Architecture hyper-parameters of the TSFM network (spec §3.10), immutable and JSON (de)serialisable with the
 * reference's snake_case keys so a checkpoint's {@code hyperparameters.json} reads like the reference's.
 *
 * <p>Five spec tiers ({@link #tiny()}, {@link #small()}, {@link #smallDeep()}, {@link #medium()}, {@link #large()},
 * values from {@code model_configs.json}) plus {@link #micro()}, a tiny configuration for unit tests. Build others with
 * {@link #builder()} (setX required, optX optional) or {@link #toBuilder()}. Thread-safe (immutable).
 */
@JsonDeserialize(builder = TsfmConfig.Builder.class)
@JsonPropertyOrder({"tier", "d_model", "num_heads", "num_temporal_layers", "dim_feedforward", "dropout", "use_cross_channel", "cnn_channels", "cnn_kernel_sizes", "target_patch_size", "feature_extractor_type", "spectral_ratio", "temporal_init_scale", "max_patches", "contrastive_text_model", "contrastive_text_dim", "semantic_dim", "d_model_fused", "num_semantic_temporal_layers", "num_fusion_queries", "use_fusion_self_attention", "num_pool_queries", "use_pool_self_attention", "use_channel_text_fusion", "channel_text_num_heads", "channel_text_num_queries", "label_bank_num_heads", "label_bank_num_queries", "label_bank_num_prototypes", "label_bank_dropout", "per_patch_prediction", "use_amplitude_stats"})
public final class TsfmConfig {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Keys of {@code model_configs.json} tier entries that this port does not model (disabled or derived). */
    private static final Set<String> UNMODELLED_REFERENCE_KEYS = Set.of("_derived", "sentence_bert_model", "text_dim",
            "normalization_method", "interpolation_method", "use_channel_encoding", "channel_init_scale");

    private final String tier;
    private final int dModel;
    private final int numHeads;
    private final int numTemporalLayers;
    private final int dimFeedforward;
    private final double dropout;
    private final boolean useCrossChannel;
    private final int[] cnnChannels;
    private final int[] cnnKernelSizes;
    private final int targetPatchSize;
    private final FeatureExtractorType featureExtractorType;
    private final double spectralRatio;
    private final double temporalInitScale;
    private final int maxPatches;
    private final String contrastiveTextModel;
    private final int contrastiveTextDim;
    private final int semanticDim;
    private final int dModelFused;
    private final int numSemanticTemporalLayers;
    private final int numFusionQueries;
    private final boolean useFusionSelfAttention;
    private final int numPoolQueries;
    private final boolean usePoolSelfAttention;
    private final boolean useChannelTextFusion;
    private final int channelTextNumHeads;
    private final int channelTextNumQueries;
    private final int labelBankNumHeads;
    private final int labelBankNumQueries;
    private final int labelBankNumPrototypes;
    private final double labelBankDropout;
    private final boolean perPatchPrediction;
    private final boolean useAmplitudeStats;

    private TsfmConfig(Builder b) {
        tier = b.tier;
        dModel = b.dModel;
        numHeads = b.numHeads;
        numTemporalLayers = b.numTemporalLayers;
        dimFeedforward = b.dimFeedforward;
        dropout = b.dropout;
        useCrossChannel = b.useCrossChannel;
        cnnChannels = b.cnnChannels.clone();
        cnnKernelSizes = b.cnnKernelSizes.clone();
        targetPatchSize = b.targetPatchSize;
        featureExtractorType = b.featureExtractorType;
        spectralRatio = b.spectralRatio;
        temporalInitScale = b.temporalInitScale;
        maxPatches = b.maxPatches;
        contrastiveTextModel = b.contrastiveTextModel;
        contrastiveTextDim = b.contrastiveTextDim;
        semanticDim = b.semanticDim;
        dModelFused = b.dModelFused;
        numSemanticTemporalLayers = b.numSemanticTemporalLayers;
        numFusionQueries = b.numFusionQueries;
        useFusionSelfAttention = b.useFusionSelfAttention;
        numPoolQueries = b.numPoolQueries;
        usePoolSelfAttention = b.usePoolSelfAttention;
        useChannelTextFusion = b.useChannelTextFusion;
        channelTextNumHeads = b.channelTextNumHeads;
        channelTextNumQueries = b.channelTextNumQueries;
        labelBankNumHeads = b.labelBankNumHeads;
        labelBankNumQueries = b.labelBankNumQueries;
        labelBankNumPrototypes = b.labelBankNumPrototypes;
        labelBankDropout = b.labelBankDropout;
        perPatchPrediction = b.perPatchPrediction;
        useAmplitudeStats = b.useAmplitudeStats;
        validate();
    }

    /** Spec tier {@code tiny} (6,478,114 trainable parameters with label bank and logit scale). */
    public static TsfmConfig tiny() {
        return builder().optTier("tiny").setDModel(192).setNumHeads(4).setNumTemporalLayers(4).setDimFeedforward(768)
                .setFeatureExtractorType(FeatureExtractorType.SPECTRAL_TEMPORAL).setDModelFused(192)
                .optNumSemanticTemporalLayers(2).optNumFusionQueries(4).optNumPoolQueries(4)
                .optLabelBankNumQueries(4).setPerPatchPrediction(true).build();
    }

    /** Spec tier {@code small} (pooled, CNN extractor; 21,187,426 trainable parameters). */
    public static TsfmConfig small() {
        return builder().optTier("small").setDModel(384).setNumHeads(8).setNumTemporalLayers(4).setDimFeedforward(1536)
                .setFeatureExtractorType(FeatureExtractorType.CNN).setDModelFused(384)
                .optNumSemanticTemporalLayers(2).optNumFusionQueries(4).optNumPoolQueries(4)
                .optLabelBankNumQueries(4).setPerPatchPrediction(false).build();
    }

    /** Spec tier {@code small_deep}, the training default (35,109,346 trainable parameters). */
    public static TsfmConfig smallDeep() {
        return builder().optTier("small_deep").setDModel(384).setNumHeads(8).setNumTemporalLayers(8)
                .setDimFeedforward(1536).setFeatureExtractorType(FeatureExtractorType.SPECTRAL_TEMPORAL)
                .setDModelFused(384).optNumSemanticTemporalLayers(4).optNumFusionQueries(6).optNumPoolQueries(6)
                .optLabelBankNumQueries(6).setPerPatchPrediction(true).build();
    }

    /** Spec tier {@code medium} (MPNet 768-d text; 66,613,346 trainable parameters). */
    public static TsfmConfig medium() {
        return builder().optTier("medium").setDModel(512).setNumHeads(8).setNumTemporalLayers(8).setDimFeedforward(2048)
                .setFeatureExtractorType(FeatureExtractorType.SPECTRAL_TEMPORAL).setDModelFused(512)
                .optContrastiveTextModel("all-mpnet-base-v2").optContrastiveTextDim(768).optSemanticDim(768)
                .optNumSemanticTemporalLayers(4).optNumFusionQueries(6).optNumPoolQueries(6)
                .optLabelBankNumQueries(6).setPerPatchPrediction(true).build();
    }

    /** Spec tier {@code large} (MPNet 768-d text, 8 text heads; 91,966,050 trainable parameters). */
    public static TsfmConfig large() {
        return builder().optTier("large").setDModel(512).setNumHeads(8).setNumTemporalLayers(12).setDimFeedforward(2048)
                .setFeatureExtractorType(FeatureExtractorType.SPECTRAL_TEMPORAL).setDModelFused(512)
                .optContrastiveTextModel("all-mpnet-base-v2").optContrastiveTextDim(768).optSemanticDim(768)
                .optNumSemanticTemporalLayers(6).optNumFusionQueries(8).optNumPoolQueries(8)
                .optChannelTextNumHeads(8).optLabelBankNumHeads(8).optLabelBankNumQueries(8)
                .setPerPatchPrediction(true).build();
    }

    /**
     * A test-only configuration (D = 32, 2 heads, 1 layer, MiniLM 384-d text and embeddings, 8/16 conv channels): the real text encoder plugs in, so it trains end to end in seconds; same structure
     * as the per-patch spec tiers; not a spec tier.
     */
    public static TsfmConfig micro() {
        return builder().optTier("micro").setDModel(32).setNumHeads(2).setNumTemporalLayers(1).setDimFeedforward(64)
                .optCnnChannels(8, 16).setFeatureExtractorType(FeatureExtractorType.SPECTRAL_TEMPORAL)
                .optMaxPatches(64).optContrastiveTextModel("all-MiniLM-L6-v2").optContrastiveTextDim(384).optSemanticDim(384)
                .setDModelFused(32).optNumSemanticTemporalLayers(1).optNumFusionQueries(2).optNumPoolQueries(2)
                .optChannelTextNumHeads(2).optChannelTextNumQueries(2).optLabelBankNumHeads(2)
                .optLabelBankNumQueries(2).setPerPatchPrediction(true).build();
    }

    /**
     * A CPU tier between {@link #micro()} and {@link #tiny()} (D = 64, 4 heads, 2 layers, 16/32 conv channels, MiniLM
     * 384-d text): about twice micro's width and depth, for the capacity lever measured on a 2-core CPU; not a spec
     * tier.
     */
    public static TsfmConfig mini() {
        return builder().optTier("mini").setDModel(64).setNumHeads(4).setNumTemporalLayers(2).setDimFeedforward(256)
                .optCnnChannels(16, 32).setFeatureExtractorType(FeatureExtractorType.SPECTRAL_TEMPORAL)
                .optMaxPatches(64).optContrastiveTextModel("all-MiniLM-L6-v2").optContrastiveTextDim(384).optSemanticDim(384)
                .setDModelFused(64).optNumSemanticTemporalLayers(1).optNumFusionQueries(2).optNumPoolQueries(2)
                .optChannelTextNumHeads(4).optChannelTextNumQueries(2).optLabelBankNumHeads(4)
                .optLabelBankNumQueries(2).setPerPatchPrediction(true).build();
    }

    /** The five spec tiers by reference name ({@code tiny, small, small_deep, medium, large}). */
    public static Map<String, TsfmConfig> specTiers() {
        Map<String, TsfmConfig> tiers = new LinkedHashMap<>();
        for (TsfmConfig c : List.of(tiny(), small(), smallDeep(), medium(), large())) {
            tiers.put(c.getTier(), c);
        }
        return tiers;
    }

    /** A spec tier or one of the CPU tiers {@code micro} and {@code mini} by name. */
    public static TsfmConfig tier(String name) {
        if ("micro".equals(name)) {
            return micro();
        }
        if ("mini".equals(name)) {
            return mini();
        }
        TsfmConfig c = specTiers().get(name);
        if (c == null) {
            throw new IllegalArgumentException("unknown model tier '" + name
                    + "'; expected one of tiny, small, small_deep, medium, large, micro, mini");
        }
        return c;
    }

    /** Tier name (informational; e.g. "small_deep"). */
    @JsonProperty("tier")
    public String getTier() {
        return tier;
    }

    /** Encoder width D. */
    @JsonProperty("d_model")
    public int getDModel() {
        return dModel;
    }

    /** Attention heads of the encoder and the semantic head. */
    @JsonProperty("num_heads")
    public int getNumHeads() {
        return numHeads;
    }

    /** Number of dual-branch encoder blocks. */
    @JsonProperty("num_temporal_layers")
    public int getNumTemporalLayers() {
        return numTemporalLayers;
    }

    /** Encoder FFN width. */
    @JsonProperty("dim_feedforward")
    public int getDimFeedforward() {
        return dimFeedforward;
    }

    /** Dropout rate used everywhere except the label bank. */
    @JsonProperty("dropout")
    public double getDropout() {
        return dropout;
    }

    /** Whether encoder blocks have the cross-channel branch. */
    @JsonProperty("use_cross_channel")
    public boolean isUseCrossChannel() {
        return useCrossChannel;
    }

    /** Output channels of the successive conv blocks. */
    @JsonProperty("cnn_channels")
    public int[] getCnnChannels() {
        return cnnChannels.clone();
    }

    /** Conv kernel sizes (exactly one supported). */
    @JsonProperty("cnn_kernel_sizes")
    public int[] getCnnKernelSizes() {
        return cnnKernelSizes.clone();
    }

    /** Resampled steps per patch S. */
    @JsonProperty("target_patch_size")
    public int getTargetPatchSize() {
        return targetPatchSize;
    }

    /** Feature extractor variant. */
    @JsonProperty("feature_extractor_type")
    public FeatureExtractorType getFeatureExtractorType() {
        return featureExtractorType;
    }

    /** Share of D given to the spectral branch: D_s = int(D·ratio). */
    @JsonProperty("spectral_ratio")
    public double getSpectralRatio() {
        return spectralRatio;
    }

    /** Initial value of the learnable PE scale. */
    @JsonProperty("temporal_init_scale")
    public double getTemporalInitScale() {
        return temporalInitScale;
    }

    /** Rows of the positional-encoding table (max P). */
    @JsonProperty("max_patches")
    public int getMaxPatches() {
        return maxPatches;
    }

    /** Frozen text model for label and channel-description tokens. */
    @JsonProperty("contrastive_text_model")
    public String getContrastiveTextModel() {
        return contrastiveTextModel;
    }

    /** Hidden size T_d of that text model. */
    @JsonProperty("contrastive_text_dim")
    public int getContrastiveTextDim() {
        return contrastiveTextDim;
    }

    /** Embedding size E (must equal contrastive_text_dim). */
    @JsonProperty("semantic_dim")
    public int getSemanticDim() {
        return semanticDim;
    }

    /** Width D_f of the semantic head. */
    @JsonProperty("d_model_fused")
    public int getDModelFused() {
        return dModelFused;
    }

    /** Pre-norm layers of the head's TemporalAttention (pooled path). */
    @JsonProperty("num_semantic_temporal_layers")
    public int getNumSemanticTemporalLayers() {
        return numSemanticTemporalLayers;
    }

    /** Queries of CrossChannelFusion. */
    @JsonProperty("num_fusion_queries")
    public int getNumFusionQueries() {
        return numFusionQueries;
    }

    /** Self-attention among fusion queries. */
    @JsonProperty("use_fusion_self_attention")
    public boolean isUseFusionSelfAttention() {
        return useFusionSelfAttention;
    }

    /** Queries of MultiQueryPooling. */
    @JsonProperty("num_pool_queries")
    public int getNumPoolQueries() {
        return numPoolQueries;
    }

    /** Self-attention among pooling queries. */
    @JsonProperty("use_pool_self_attention")
    public boolean isUsePoolSelfAttention() {
        return usePoolSelfAttention;
    }

    /** Ablation switch for ChannelTextFusion. */
    @JsonProperty("use_channel_text_fusion")
    public boolean isUseChannelTextFusion() {
        return useChannelTextFusion;
    }

    /** Heads of ChannelTextFusion's attention. */
    @JsonProperty("channel_text_num_heads")
    public int getChannelTextNumHeads() {
        return channelTextNumHeads;
    }

    /** Queries of ChannelTextFusion. */
    @JsonProperty("channel_text_num_queries")
    public int getChannelTextNumQueries() {
        return channelTextNumQueries;
    }

    /** Heads of LabelAttentionPooling. */
    @JsonProperty("label_bank_num_heads")
    public int getLabelBankNumHeads() {
        return labelBankNumHeads;
    }

    /** Queries of LabelAttentionPooling. */
    @JsonProperty("label_bank_num_queries")
    public int getLabelBankNumQueries() {
        return labelBankNumQueries;
    }

    /** Label prototypes (only 1 supported). */
    @JsonProperty("label_bank_num_prototypes")
    public int getLabelBankNumPrototypes() {
        return labelBankNumPrototypes;
    }

    /** Attention dropout of LabelAttentionPooling. */
    @JsonProperty("label_bank_dropout")
    public double getLabelBankDropout() {
        return labelBankDropout;
    }

    /** One embedding per patch (true) or one per window (false). */
    @JsonProperty("per_patch_prediction")
    public boolean isPerPatchPrediction() {
        return perPatchPrediction;
    }

    /**
     * Whether the encoder also reads each patch and channel's amplitude (mean and scale features that the per-patch
     * z-score removes, {@code PatchedWindow#stats()}): {@code Linear(2→D) → GELU → Linear(D→D)} added to the patch
     * features. Not in the reference; off (and absent from the JSON) unless enabled.
     */
    @JsonProperty("use_amplitude_stats")
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_DEFAULT)
    public boolean isUseAmplitudeStats() {
        return useAmplitudeStats;
    }

    /** Head dimension D / heads. */
    @JsonIgnore
    public int getHeadDim() {
        return dModel / numHeads;
    }

    /** Spectral-branch width D_s = int(D · spectral_ratio) (0 for the CNN extractor). */
    @JsonIgnore
    public int getSpectralDim() {
        return featureExtractorType == FeatureExtractorType.SPECTRAL_TEMPORAL ? (int) (dModel * spectralRatio) : 0;
    }

    /** Temporal-branch width D_t = D − D_s. */
    @JsonIgnore
    public int getTemporalDim() {
        return dModel - getSpectralDim();
    }

    /** DFT magnitude bins S/2 + 1 of the spectral branch. */
    @JsonIgnore
    public int getFftBins() {
        return targetPatchSize / 2 + 1;
    }

    /** Builder initialised with this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.tier = tier;
        b.dModel = dModel;
        b.numHeads = numHeads;
        b.numTemporalLayers = numTemporalLayers;
        b.dimFeedforward = dimFeedforward;
        b.dropout = dropout;
        b.useCrossChannel = useCrossChannel;
        b.cnnChannels = cnnChannels.clone();
        b.cnnKernelSizes = cnnKernelSizes.clone();
        b.targetPatchSize = targetPatchSize;
        b.featureExtractorType = featureExtractorType;
        b.spectralRatio = spectralRatio;
        b.temporalInitScale = temporalInitScale;
        b.maxPatches = maxPatches;
        b.contrastiveTextModel = contrastiveTextModel;
        b.contrastiveTextDim = contrastiveTextDim;
        b.semanticDim = semanticDim;
        b.dModelFused = dModelFused;
        b.numSemanticTemporalLayers = numSemanticTemporalLayers;
        b.numFusionQueries = numFusionQueries;
        b.useFusionSelfAttention = useFusionSelfAttention;
        b.numPoolQueries = numPoolQueries;
        b.usePoolSelfAttention = usePoolSelfAttention;
        b.useChannelTextFusion = useChannelTextFusion;
        b.channelTextNumHeads = channelTextNumHeads;
        b.channelTextNumQueries = channelTextNumQueries;
        b.labelBankNumHeads = labelBankNumHeads;
        b.labelBankNumQueries = labelBankNumQueries;
        b.labelBankNumPrototypes = labelBankNumPrototypes;
        b.labelBankDropout = labelBankDropout;
        b.perPatchPrediction = perPatchPrediction;
        b.useAmplitudeStats = useAmplitudeStats;
        b.given.addAll(Builder.REQUIRED);
        return b;
    }

    /** Pretty-printed JSON with the reference's keys. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise model config", e);
        }
    }

    /**
     * Parses JSON written by {@link #toJson()}. Unknown keys and missing required keys are errors naming the key.
     *
     * @throws IllegalArgumentException on malformed or invalid JSON
     */
    public static TsfmConfig fromJson(String json) {
        try {
            return JSON.readValue(json, TsfmConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid TSFM model config JSON: " + e.getOriginalMessage()
                    + locationOf(e), e);
        }
    }

    /**
     * Reads one tier entry of the reference's {@code model_configs.json} ({@code tiers.<name>}), skipping only the
     * keys this port deliberately does not model (the disabled channel semantic encoding, preprocessing names and the
     * {@code _derived} block); any other unknown key is an error.
     */
    public static TsfmConfig fromReferenceTier(String tierName, JsonNode tierEntry) {
        if (tierEntry == null || !tierEntry.isObject()) {
            throw new IllegalArgumentException("reference tier '" + tierName + "' is not a JSON object");
        }
        ObjectNode copy = ((ObjectNode) tierEntry).deepCopy();
        copy.remove(UNMODELLED_REFERENCE_KEYS);
        copy.put("tier", tierName);
        try {
            return JSON.treeToValue(copy, TsfmConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid reference tier '" + tierName + "': " + e.getOriginalMessage(),
                    e);
        }
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private void validate() {
        positive("d_model", dModel);
        positive("num_heads", numHeads);
        positive("num_temporal_layers", numTemporalLayers);
        positive("dim_feedforward", dimFeedforward);
        positive("target_patch_size", targetPatchSize);
        positive("max_patches", maxPatches);
        positive("contrastive_text_dim", contrastiveTextDim);
        positive("semantic_dim", semanticDim);
        positive("d_model_fused", dModelFused);
        positive("num_fusion_queries", numFusionQueries);
        positive("num_pool_queries", numPoolQueries);
        positive("channel_text_num_heads", channelTextNumHeads);
        positive("channel_text_num_queries", channelTextNumQueries);
        positive("label_bank_num_heads", labelBankNumHeads);
        positive("label_bank_num_queries", labelBankNumQueries);
        if (numSemanticTemporalLayers < 0) {
            throw invalid("num_semantic_temporal_layers must be >= 0, got " + numSemanticTemporalLayers);
        }
        if (tier == null || tier.isBlank()) {
            throw invalid("tier must be a non-empty name");
        }
        if (featureExtractorType == null) {
            throw invalid("feature_extractor_type is required");
        }
        divisible("d_model", dModel, "num_heads", numHeads);
        divisible("d_model_fused", dModelFused, "num_heads", numHeads);
        divisible("d_model", dModel, "channel_text_num_heads", channelTextNumHeads);
        divisible("semantic_dim", semanticDim, "label_bank_num_heads", labelBankNumHeads);
        if (semanticDim != contrastiveTextDim) {
            throw invalid("the label bank pools text tokens into the embedding space, so semantic_dim (" + semanticDim
                    + ") must equal contrastive_text_dim (" + contrastiveTextDim + ")");
        }
        if (cnnChannels == null || cnnChannels.length == 0 || Arrays.stream(cnnChannels).anyMatch(c -> c <= 0)) {
            throw invalid("cnn_channels must be a non-empty list of positive sizes, got " + Arrays.toString(cnnChannels));
        }
        if (cnnKernelSizes == null || cnnKernelSizes.length != 1 || cnnKernelSizes[0] <= 0
                || cnnKernelSizes[0] % 2 == 0) {
            throw invalid("cnn_kernel_sizes must hold exactly one odd kernel size (multi-scale branches are not "
                    + "implemented), got " + Arrays.toString(cnnKernelSizes));
        }
        if (!(dropout >= 0 && dropout < 1) || !(labelBankDropout >= 0 && labelBankDropout < 1)) {
            throw invalid("dropout rates must be in [0, 1), got dropout=" + dropout + ", label_bank_dropout="
                    + labelBankDropout);
        }
        if (labelBankNumPrototypes != 1) {
            throw invalid("label_bank_num_prototypes must be 1 (multi-prototype pooling is not implemented), got "
                    + labelBankNumPrototypes);
        }
        if (featureExtractorType == FeatureExtractorType.SPECTRAL_TEMPORAL) {
            int ds = (int) (dModel * spectralRatio);
            if (ds <= 0 || ds >= dModel) {
                throw invalid("spectral_ratio " + spectralRatio + " gives a spectral width of " + ds + " of d_model "
                        + dModel + "; both branches need at least one feature");
            }
        }
    }

    private static void positive(String key, int value) {
        if (value <= 0) {
            throw invalid(key + " must be positive, got " + value);
        }
    }

    private static void divisible(String key, int value, String byKey, int by) {
        if (value % by != 0) {
            throw invalid(key + " (" + value + ") must be divisible by " + byKey + " (" + by + ")");
        }
    }

    private static IllegalArgumentException invalid(String message) {
        return new IllegalArgumentException("invalid TSFM model config: " + message);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TsfmConfig)) {
            return false;
        }
        TsfmConfig that = (TsfmConfig) o;
        return Objects.equals(tier, that.tier)
                && dModel == that.dModel
                && numHeads == that.numHeads
                && numTemporalLayers == that.numTemporalLayers
                && dimFeedforward == that.dimFeedforward
                && Double.compare(dropout, that.dropout) == 0
                && useCrossChannel == that.useCrossChannel
                && Arrays.equals(cnnChannels, that.cnnChannels)
                && Arrays.equals(cnnKernelSizes, that.cnnKernelSizes)
                && targetPatchSize == that.targetPatchSize
                && Objects.equals(featureExtractorType, that.featureExtractorType)
                && Double.compare(spectralRatio, that.spectralRatio) == 0
                && Double.compare(temporalInitScale, that.temporalInitScale) == 0
                && maxPatches == that.maxPatches
                && Objects.equals(contrastiveTextModel, that.contrastiveTextModel)
                && contrastiveTextDim == that.contrastiveTextDim
                && semanticDim == that.semanticDim
                && dModelFused == that.dModelFused
                && numSemanticTemporalLayers == that.numSemanticTemporalLayers
                && numFusionQueries == that.numFusionQueries
                && useFusionSelfAttention == that.useFusionSelfAttention
                && numPoolQueries == that.numPoolQueries
                && usePoolSelfAttention == that.usePoolSelfAttention
                && useChannelTextFusion == that.useChannelTextFusion
                && channelTextNumHeads == that.channelTextNumHeads
                && channelTextNumQueries == that.channelTextNumQueries
                && labelBankNumHeads == that.labelBankNumHeads
                && labelBankNumQueries == that.labelBankNumQueries
                && labelBankNumPrototypes == that.labelBankNumPrototypes
                && Double.compare(labelBankDropout, that.labelBankDropout) == 0
                && perPatchPrediction == that.perPatchPrediction && useAmplitudeStats == that.useAmplitudeStats;
    }

    @Override
    public int hashCode() {
        return Objects.hash(tier, dModel, numHeads, numTemporalLayers, dimFeedforward, dropout, useCrossChannel, Arrays.hashCode(cnnChannels), Arrays.hashCode(cnnKernelSizes), targetPatchSize, featureExtractorType, spectralRatio, temporalInitScale, maxPatches, contrastiveTextModel, contrastiveTextDim, semanticDim, dModelFused, numSemanticTemporalLayers, numFusionQueries, useFusionSelfAttention, numPoolQueries, usePoolSelfAttention, useChannelTextFusion, channelTextNumHeads, channelTextNumQueries, labelBankNumHeads, labelBankNumQueries, labelBankNumPrototypes, labelBankDropout, perPatchPrediction, useAmplitudeStats);
    }

    @Override
    public String toString() {
        return "TsfmConfig" + toJson();
    }

    /** Creates an empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link TsfmConfig}: setX required, optX optional (defaults are the spec's common values). */
    @JsonPOJOBuilder(withPrefix = "", buildMethodName = "build")
    public static final class Builder {

        private String tier = "custom";
        private int dModel;
        private int numHeads;
        private int numTemporalLayers;
        private int dimFeedforward;
        private double dropout = 0.1;
        private boolean useCrossChannel = true;
        private int[] cnnChannels = new int[] {32, 64};
        private int[] cnnKernelSizes = new int[] {5};
        private int targetPatchSize = 64;
        private FeatureExtractorType featureExtractorType;
        private double spectralRatio = 0.25;
        private double temporalInitScale = 0.1;
        private int maxPatches = 5000;
        private String contrastiveTextModel = "all-MiniLM-L6-v2";
        private int contrastiveTextDim = 384;
        private int semanticDim = 384;
        private int dModelFused;
        private int numSemanticTemporalLayers = 2;
        private int numFusionQueries = 4;
        private boolean useFusionSelfAttention = true;
        private int numPoolQueries = 4;
        private boolean usePoolSelfAttention = true;
        private boolean useChannelTextFusion = true;
        private int channelTextNumHeads = 4;
        private int channelTextNumQueries = 4;
        private int labelBankNumHeads = 4;
        private int labelBankNumQueries = 4;
        private int labelBankNumPrototypes = 1;
        private double labelBankDropout = 0.0;
        private boolean perPatchPrediction;
        private boolean useAmplitudeStats;
        private static final List<String> REQUIRED = List.of("d_model", "num_heads", "num_temporal_layers",
                "dim_feedforward", "feature_extractor_type", "d_model_fused", "per_patch_prediction");

        private final Set<String> given = new HashSet<>();

        private Builder() {}

        /** Tier name (informational; e.g. "small_deep"). */
        @JsonProperty("tier")
        public Builder optTier(String value) {
            this.tier = value;
            given.add("tier");
            return this;
        }

        /** Encoder width D. (required) */
        @JsonProperty("d_model")
        public Builder setDModel(int value) {
            this.dModel = value;
            given.add("d_model");
            return this;
        }

        /** Attention heads of the encoder and the semantic head. (required) */
        @JsonProperty("num_heads")
        public Builder setNumHeads(int value) {
            this.numHeads = value;
            given.add("num_heads");
            return this;
        }

        /** Number of dual-branch encoder blocks. (required) */
        @JsonProperty("num_temporal_layers")
        public Builder setNumTemporalLayers(int value) {
            this.numTemporalLayers = value;
            given.add("num_temporal_layers");
            return this;
        }

        /** Encoder FFN width. (required) */
        @JsonProperty("dim_feedforward")
        public Builder setDimFeedforward(int value) {
            this.dimFeedforward = value;
            given.add("dim_feedforward");
            return this;
        }

        /** Dropout rate used everywhere except the label bank. */
        @JsonProperty("dropout")
        public Builder optDropout(double value) {
            this.dropout = value;
            given.add("dropout");
            return this;
        }

        /** Whether encoder blocks have the cross-channel branch. */
        @JsonProperty("use_cross_channel")
        public Builder optUseCrossChannel(boolean value) {
            this.useCrossChannel = value;
            given.add("use_cross_channel");
            return this;
        }

        /** Output channels of the successive conv blocks. */
        @JsonProperty("cnn_channels")
        public Builder optCnnChannels(int... value) {
            this.cnnChannels = value.clone();
            given.add("cnn_channels");
            return this;
        }

        /** Conv kernel sizes (exactly one supported). */
        @JsonProperty("cnn_kernel_sizes")
        public Builder optCnnKernelSizes(int... value) {
            this.cnnKernelSizes = value.clone();
            given.add("cnn_kernel_sizes");
            return this;
        }

        /** Resampled steps per patch S. */
        @JsonProperty("target_patch_size")
        public Builder optTargetPatchSize(int value) {
            this.targetPatchSize = value;
            given.add("target_patch_size");
            return this;
        }

        /** Feature extractor variant. (required) */
        @JsonProperty("feature_extractor_type")
        public Builder setFeatureExtractorType(FeatureExtractorType value) {
            this.featureExtractorType = value;
            given.add("feature_extractor_type");
            return this;
        }

        /** Share of D given to the spectral branch: D_s = int(D·ratio). */
        @JsonProperty("spectral_ratio")
        public Builder optSpectralRatio(double value) {
            this.spectralRatio = value;
            given.add("spectral_ratio");
            return this;
        }

        /** Initial value of the learnable PE scale. */
        @JsonProperty("temporal_init_scale")
        public Builder optTemporalInitScale(double value) {
            this.temporalInitScale = value;
            given.add("temporal_init_scale");
            return this;
        }

        /** Rows of the positional-encoding table (max P). */
        @JsonProperty("max_patches")
        public Builder optMaxPatches(int value) {
            this.maxPatches = value;
            given.add("max_patches");
            return this;
        }

        /** Frozen text model for label and channel-description tokens. */
        @JsonProperty("contrastive_text_model")
        public Builder optContrastiveTextModel(String value) {
            this.contrastiveTextModel = value;
            given.add("contrastive_text_model");
            return this;
        }

        /** Hidden size T_d of that text model. */
        @JsonProperty("contrastive_text_dim")
        public Builder optContrastiveTextDim(int value) {
            this.contrastiveTextDim = value;
            given.add("contrastive_text_dim");
            return this;
        }

        /** Embedding size E (must equal contrastive_text_dim). */
        @JsonProperty("semantic_dim")
        public Builder optSemanticDim(int value) {
            this.semanticDim = value;
            given.add("semantic_dim");
            return this;
        }

        /** Width D_f of the semantic head. (required) */
        @JsonProperty("d_model_fused")
        public Builder setDModelFused(int value) {
            this.dModelFused = value;
            given.add("d_model_fused");
            return this;
        }

        /** Pre-norm layers of the head's TemporalAttention (pooled path). */
        @JsonProperty("num_semantic_temporal_layers")
        public Builder optNumSemanticTemporalLayers(int value) {
            this.numSemanticTemporalLayers = value;
            given.add("num_semantic_temporal_layers");
            return this;
        }

        /** Queries of CrossChannelFusion. */
        @JsonProperty("num_fusion_queries")
        public Builder optNumFusionQueries(int value) {
            this.numFusionQueries = value;
            given.add("num_fusion_queries");
            return this;
        }

        /** Self-attention among fusion queries. */
        @JsonProperty("use_fusion_self_attention")
        public Builder optUseFusionSelfAttention(boolean value) {
            this.useFusionSelfAttention = value;
            given.add("use_fusion_self_attention");
            return this;
        }

        /** Queries of MultiQueryPooling. */
        @JsonProperty("num_pool_queries")
        public Builder optNumPoolQueries(int value) {
            this.numPoolQueries = value;
            given.add("num_pool_queries");
            return this;
        }

        /** Self-attention among pooling queries. */
        @JsonProperty("use_pool_self_attention")
        public Builder optUsePoolSelfAttention(boolean value) {
            this.usePoolSelfAttention = value;
            given.add("use_pool_self_attention");
            return this;
        }

        /** Ablation switch for ChannelTextFusion. */
        @JsonProperty("use_channel_text_fusion")
        public Builder optUseChannelTextFusion(boolean value) {
            this.useChannelTextFusion = value;
            given.add("use_channel_text_fusion");
            return this;
        }

        /** Heads of ChannelTextFusion's attention. */
        @JsonProperty("channel_text_num_heads")
        public Builder optChannelTextNumHeads(int value) {
            this.channelTextNumHeads = value;
            given.add("channel_text_num_heads");
            return this;
        }

        /** Queries of ChannelTextFusion. */
        @JsonProperty("channel_text_num_queries")
        public Builder optChannelTextNumQueries(int value) {
            this.channelTextNumQueries = value;
            given.add("channel_text_num_queries");
            return this;
        }

        /** Heads of LabelAttentionPooling. */
        @JsonProperty("label_bank_num_heads")
        public Builder optLabelBankNumHeads(int value) {
            this.labelBankNumHeads = value;
            given.add("label_bank_num_heads");
            return this;
        }

        /** Queries of LabelAttentionPooling. */
        @JsonProperty("label_bank_num_queries")
        public Builder optLabelBankNumQueries(int value) {
            this.labelBankNumQueries = value;
            given.add("label_bank_num_queries");
            return this;
        }

        /** Label prototypes (only 1 supported). */
        @JsonProperty("label_bank_num_prototypes")
        public Builder optLabelBankNumPrototypes(int value) {
            this.labelBankNumPrototypes = value;
            given.add("label_bank_num_prototypes");
            return this;
        }

        /** Attention dropout of LabelAttentionPooling. */
        @JsonProperty("label_bank_dropout")
        public Builder optLabelBankDropout(double value) {
            this.labelBankDropout = value;
            given.add("label_bank_dropout");
            return this;
        }

        /** One embedding per patch (true) or one per window (false). (required) */
        @JsonProperty("per_patch_prediction")
        public Builder setPerPatchPrediction(boolean value) {
            this.perPatchPrediction = value;
            given.add("per_patch_prediction");
            return this;
        }

        /** Whether the encoder reads per-patch amplitude features (default false). */
        @JsonProperty("use_amplitude_stats")
        public Builder optUseAmplitudeStats(boolean value) {
            this.useAmplitudeStats = value;
            given.add("use_amplitude_stats");
            return this;
        }

        /** Builds and validates the configuration. */
        public TsfmConfig build() {
            for (String key : REQUIRED) {
                if (!given.contains(key)) {
                    throw invalid(key + " is required");
                }
            }
            return new TsfmConfig(this);
        }
    }
}
