package io.tsfm.training.model;

import io.tsfm.training.model.config.TsfmConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TsfmConfigTest {

    static JsonNode referenceTiers() throws IOException {
        try (InputStream in = TsfmConfigTest.class.getResourceAsStream("model_configs.json")) {
            return new ObjectMapper().readTree(in).get("tiers");
        }
    }

    @Test
    void builtInTiersEqualTheReferenceModelConfigs() throws IOException {
        JsonNode tiers = referenceTiers();
        Map<String, TsfmConfig> ours = TsfmConfig.specTiers();
        assertThat(ours.keySet()).containsExactly("tiny", "small", "small_deep", "medium", "large");
        for (Map.Entry<String, TsfmConfig> e : ours.entrySet()) {
            TsfmConfig reference = TsfmConfig.fromReferenceTier(e.getKey(), tiers.get(e.getKey()));
            assertThat(e.getValue()).as(e.getKey()).isEqualTo(reference);
        }
    }

    @Test
    void derivedDimensionsMatchTheReference() throws IOException {
        JsonNode tiers = referenceTiers();
        for (Map.Entry<String, TsfmConfig> e : TsfmConfig.specTiers().entrySet()) {
            JsonNode derived = tiers.get(e.getKey()).get("_derived");
            TsfmConfig c = e.getValue();
            assertThat(c.getHeadDim()).as(e.getKey()).isEqualTo(derived.get("head_dim").asInt());
            assertThat(c.getTemporalDim()).as(e.getKey()).isEqualTo(derived.get("d_temporal").asInt());
            if (!derived.get("d_spectral").isNull()) {
                assertThat(c.getSpectralDim()).as(e.getKey()).isEqualTo(derived.get("d_spectral").asInt());
                assertThat(c.getFftBins()).as(e.getKey()).isEqualTo(derived.get("fft_bins").asInt());
            }
            assertThat(c.getChannelTextNumQueries()).as(e.getKey())
                    .isEqualTo(derived.get("channel_text_fusion_num_queries").asInt());
        }
    }

    @Test
    void jsonRoundTripKeepsEveryField() {
        for (TsfmConfig c : TsfmConfig.specTiers().values()) {
            assertThat(TsfmConfig.fromJson(c.toJson())).isEqualTo(c);
        }
        TsfmConfig micro = TsfmConfig.micro();
        TsfmConfig changed = micro.toBuilder().optDropout(0.2).optCnnChannels(4, 8, 16).build();
        assertThat(changed).isNotEqualTo(micro);
        assertThat(TsfmConfig.fromJson(changed.toJson())).isEqualTo(changed);
        assertThat(changed.toJson()).contains("\"d_model\" : 32", "\"feature_extractor_type\" : \"spectral_temporal\"");
    }

    @Test
    void unknownOrMissingKeysAreNamed() {
        String json = TsfmConfig.micro().toJson();
        assertThatThrownBy(() -> TsfmConfig.fromJson(json.replace("\"d_model\"", "\"d_modle\"")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("d_modle");
        String withoutHeads = json.replaceAll("\"num_heads\" : 2,", "");
        assertThatThrownBy(() -> TsfmConfig.fromJson(withoutHeads))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("num_heads is required");
    }

    @Test
    void inconsistentSizesAreRejectedWithTheFieldNames() {
        assertThatThrownBy(() -> TsfmConfig.micro().toBuilder().optSemanticDim(32).build())
                .hasMessageContaining("semantic_dim (32) must equal contrastive_text_dim (384)");
        assertThatThrownBy(() -> TsfmConfig.micro().toBuilder().setNumHeads(3).build())
                .hasMessageContaining("d_model (32) must be divisible by num_heads (3)");
        assertThatThrownBy(() -> TsfmConfig.micro().toBuilder().optCnnKernelSizes(3, 5).build())
                .hasMessageContaining("cnn_kernel_sizes");
        assertThatThrownBy(() -> TsfmConfig.tier("huge")).hasMessageContaining("unknown model tier 'huge'");
    }
}
