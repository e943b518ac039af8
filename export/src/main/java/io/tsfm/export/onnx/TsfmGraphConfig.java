package io.tsfm.export.onnx;

import io.tsfm.core.preprocess.PatchingConfig;
import java.util.Arrays;

/**
 * The architecture sizes the ONNX graph builder needs (spec §3.10), independent of the training framework's config
 * class. Defaults are the values shared by every spec tier. Build with {@link #builder()} (setX required, optX
 * optional). Immutable and thread-safe.
 */
public final class TsfmGraphConfig {

    /** The patch feature extractor variant (spec §3.2). */
    public enum Extractor {
        /** FixedPatchCNN (Small tier). */
        CNN,
        /** Conv temporal branch plus DFT-magnitude spectral branch (all other tiers). */
        SPECTRAL_TEMPORAL
    }

    private final int dModel;
    private final int numHeads;
    private final int numLayers;
    private final int ffnDim;
    private final Extractor extractor;
    private final int spectralDim;
    private final int[] cnnChannels;
    private final int cnnKernel;
    private final boolean crossChannel;
    private final boolean channelTextFusion;
    private final boolean amplitudeStats;
    private final int fusedDim;
    private final int embeddingDim;
    private final int numFusionQueries;
    private final boolean fusionSelfAttention;
    private final boolean perPatch;
    private final int numPoolQueries;
    private final boolean poolSelfAttention;
    private final int numHeadTemporalLayers;
    private final int positionRows;

    private TsfmGraphConfig(Builder b) {
        dModel = b.dModel;
        numHeads = b.numHeads;
        numLayers = b.numLayers;
        ffnDim = b.ffnDim;
        extractor = b.extractor;
        spectralDim = b.spectralDim >= 0 ? b.spectralDim : (int) (b.dModel * 0.25);
        cnnChannels = b.cnnChannels.clone();
        cnnKernel = b.cnnKernel;
        crossChannel = b.crossChannel;
        channelTextFusion = b.channelTextFusion;
        amplitudeStats = b.amplitudeStats;
        fusedDim = b.fusedDim;
        embeddingDim = b.embeddingDim;
        numFusionQueries = b.numFusionQueries;
        fusionSelfAttention = b.fusionSelfAttention;
        perPatch = b.perPatch;
        numPoolQueries = b.numPoolQueries;
        poolSelfAttention = b.poolSelfAttention;
        numHeadTemporalLayers = b.numHeadTemporalLayers;
        positionRows = b.positionRows;
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Encoder width D. */
    public int dModel() {
        return dModel;
    }

    /** Attention heads of the encoder and the head. */
    public int numHeads() {
        return numHeads;
    }

    /** Dual-branch blocks. */
    public int numLayers() {
        return numLayers;
    }

    /** Encoder FFN width. */
    public int ffnDim() {
        return ffnDim;
    }

    /** Feature extractor variant. */
    public Extractor extractor() {
        return extractor;
    }

    /** Spectral width D_s of {@code spectral_temporal} (default {@code int(0.25·D)}). */
    public int spectralDim() {
        return spectralDim;
    }

    /** Temporal width D_t = D − D_s of {@code spectral_temporal}. */
    public int temporalDim() {
        return dModel - spectralDim;
    }

    /** Conv stack output channels (a copy). */
    public int[] cnnChannels() {
        return cnnChannels.clone();
    }

    /** Conv kernel size (odd). */
    public int cnnKernel() {
        return cnnKernel;
    }

    /** Whether the encoder blocks have the cross-channel branch. */
    public boolean crossChannel() {
        return crossChannel;
    }

    /** Whether the encoder reads amplitude features (and the graph has a {@code patch_stats} input). */
    public boolean amplitudeStats() {
        return amplitudeStats;
    }

    /** Whether ChannelTextFusion runs (and the graph has a {@code channel_emb} input). */
    public boolean channelTextFusion() {
        return channelTextFusion;
    }

    /** Head width D_f. */
    public int fusedDim() {
        return fusedDim;
    }

    /** Output embedding width E. */
    public int embeddingDim() {
        return embeddingDim;
    }

    /** CrossChannelFusion queries. */
    public int numFusionQueries() {
        return numFusionQueries;
    }

    /** Whether CrossChannelFusion has query self-attention. */
    public boolean fusionSelfAttention() {
        return fusionSelfAttention;
    }

    /** Per-patch output {@code (B, P, E)} (true) or pooled {@code (B, E)} (false). */
    public boolean perPatch() {
        return perPatch;
    }

    /** MultiQueryPooling queries (pooled tiers). */
    public int numPoolQueries() {
        return numPoolQueries;
    }

    /** Whether MultiQueryPooling has query self-attention. */
    public boolean poolSelfAttention() {
        return poolSelfAttention;
    }

    /** TemporalAttention layers of the pooled head. */
    public int numHeadTemporalLayers() {
        return numHeadTemporalLayers;
    }

    /** Rows of the positional table embedded in the graph: the largest supported patch count. */
    public int positionRows() {
        return positionRows;
    }

    @Override
    public String toString() {
        return "TsfmGraphConfig[D=" + dModel + ", heads=" + numHeads + ", layers=" + numLayers + ", ffn=" + ffnDim
                + ", extractor=" + extractor + ", D_s=" + spectralDim + ", cnn=" + Arrays.toString(cnnChannels)
                + "/k" + cnnKernel + ", crossChannel=" + crossChannel + ", channelTextFusion=" + channelTextFusion + ", amplitudeStats=" + amplitudeStats
                + ", D_f=" + fusedDim + ", E=" + embeddingDim + ", fusionQueries=" + numFusionQueries
                + ", perPatch=" + perPatch + ", poolQueries=" + numPoolQueries + ", headTemporalLayers="
                + numHeadTemporalLayers + ", positionRows=" + positionRows + "]";
    }

    /** Builder for {@link TsfmGraphConfig}. */
    public static final class Builder {
        private int dModel;
        private int numHeads;
        private int numLayers = -1;
        private int ffnDim;
        private Extractor extractor;
        private int spectralDim = -1;
        private int[] cnnChannels = {32, 64};
        private int cnnKernel = 5;
        private boolean crossChannel = true;
        private boolean channelTextFusion = true;
        private boolean amplitudeStats;
        private int fusedDim;
        private int embeddingDim;
        private int numFusionQueries;
        private boolean fusionSelfAttention = true;
        private Boolean perPatch;
        private int numPoolQueries;
        private boolean poolSelfAttention = true;
        private int numHeadTemporalLayers;
        private int positionRows = PatchingConfig.DEFAULT_MAX_PATCHES;

        private Builder() {}

        /** Encoder width D (required). */
        public Builder setDModel(int dModel) {
            this.dModel = dModel;
            return this;
        }

        /** Attention heads (required, divides D and D_f). */
        public Builder setNumHeads(int numHeads) {
            this.numHeads = numHeads;
            return this;
        }

        /** Dual-branch blocks (required, ≥ 0). */
        public Builder setNumLayers(int numLayers) {
            this.numLayers = numLayers;
            return this;
        }

        /** Encoder FFN width (required). */
        public Builder setFfnDim(int ffnDim) {
            this.ffnDim = ffnDim;
            return this;
        }

        /** Feature extractor variant (required). */
        public Builder setExtractor(Extractor extractor) {
            this.extractor = extractor;
            return this;
        }

        /** Spectral width D_s (default {@code int(0.25·D)}). */
        public Builder optSpectralDim(int spectralDim) {
            this.spectralDim = spectralDim;
            return this;
        }

        /** Conv stack channels (default {@code [32, 64]}). */
        public Builder optCnnChannels(int... channels) {
            this.cnnChannels = channels.clone();
            return this;
        }

        /** Conv kernel size (default 5). */
        public Builder optCnnKernel(int kernel) {
            this.cnnKernel = kernel;
            return this;
        }

        /** Cross-channel branch in the encoder blocks (default true). */
        public Builder optCrossChannel(boolean crossChannel) {
            this.crossChannel = crossChannel;
            return this;
        }

        /** The amplitude block and the {@code patch_stats} input (default false). */
        public Builder optAmplitudeStats(boolean amplitudeStats) {
            this.amplitudeStats = amplitudeStats;
            return this;
        }

        /** ChannelTextFusion and the {@code channel_emb} input (default true). */
        public Builder optChannelTextFusion(boolean channelTextFusion) {
            this.channelTextFusion = channelTextFusion;
            return this;
        }

        /** Head width D_f (required). */
        public Builder setFusedDim(int fusedDim) {
            this.fusedDim = fusedDim;
            return this;
        }

        /** Output embedding width E (required). */
        public Builder setEmbeddingDim(int embeddingDim) {
            this.embeddingDim = embeddingDim;
            return this;
        }

        /** CrossChannelFusion queries (required). */
        public Builder setNumFusionQueries(int numFusionQueries) {
            this.numFusionQueries = numFusionQueries;
            return this;
        }

        /** CrossChannelFusion query self-attention (default true). */
        public Builder optFusionSelfAttention(boolean fusionSelfAttention) {
            this.fusionSelfAttention = fusionSelfAttention;
            return this;
        }

        /** Per-patch (true) or pooled (false) output (required). */
        public Builder setPerPatch(boolean perPatch) {
            this.perPatch = perPatch;
            return this;
        }

        /** MultiQueryPooling queries (required for pooled output). */
        public Builder optNumPoolQueries(int numPoolQueries) {
            this.numPoolQueries = numPoolQueries;
            return this;
        }

        /** MultiQueryPooling query self-attention (default true). */
        public Builder optPoolSelfAttention(boolean poolSelfAttention) {
            this.poolSelfAttention = poolSelfAttention;
            return this;
        }

        /** TemporalAttention layers of the pooled head (default 0). */
        public Builder optNumHeadTemporalLayers(int layers) {
            this.numHeadTemporalLayers = layers;
            return this;
        }

        /** Rows of the embedded positional table, the largest patch count served (default 48). */
        public Builder optPositionRows(int rows) {
            this.positionRows = rows;
            return this;
        }

        /**
         * Builds the config.
         *
         * @throws IllegalArgumentException naming the first missing or inconsistent setting
         */
        public TsfmGraphConfig build() {
            require(dModel > 0, "dModel must be set and positive");
            require(numHeads > 0 && dModel % numHeads == 0, "numHeads must divide dModel " + dModel);
            require(numLayers >= 0, "numLayers must be set");
            require(ffnDim > 0, "ffnDim must be set and positive");
            require(extractor != null, "extractor must be set");
            require(cnnChannels.length > 0, "cnnChannels must not be empty");
            require(cnnKernel > 0 && cnnKernel % 2 == 1, "cnnKernel must be odd and positive, got " + cnnKernel);
            int ds = spectralDim >= 0 ? spectralDim : (int) (dModel * 0.25);
            require(extractor != Extractor.SPECTRAL_TEMPORAL || (ds > 0 && ds < dModel),
                    "spectralDim must be in (0, dModel), got " + ds);
            require(fusedDim > 0 && fusedDim % numHeads == 0, "fusedDim must be set and divisible by numHeads");
            require(embeddingDim > 0, "embeddingDim must be set and positive");
            require(numFusionQueries > 0, "numFusionQueries must be set and positive");
            require(perPatch != null, "perPatch must be set");
            require(perPatch || numPoolQueries > 0, "pooled output needs numPoolQueries > 0");
            require(numHeadTemporalLayers >= 0, "numHeadTemporalLayers must be >= 0");
            require(positionRows > 0, "positionRows must be positive");
            return new TsfmGraphConfig(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException("TsfmGraphConfig: " + message);
            }
        }
    }
}
