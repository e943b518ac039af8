package io.tsfm.training.model;

import io.tsfm.training.model.config.TsfmConfig;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import io.tsfm.training.model.head.SemanticAlignmentHead;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Exact trainable-parameter counts per component against model_configs.json (spec §3.10). */
class ParameterCountTest {

    @Test
    void everyTierMatchesTheReferenceBreakdownExactly() throws IOException {
        JsonNode tiers = TsfmConfigTest.referenceTiers();
        for (Map.Entry<String, TsfmConfig> e : TsfmConfig.specTiers().entrySet()) {
            String tier = e.getKey();
            JsonNode expected = tiers.get(tier).get("_derived").get("param_breakdown_exact");
            TrainableTsfm all = new TrainableTsfm(e.getValue());
            TsfmModel model = all.getModel();
            SemanticAlignmentHead head = model.getHead();
            long dualBranch = model.getEncoder().getLayers().stream().mapToLong(ParameterCounts::trainable).sum();
            long tokens = model.getEncoder().getMaskToken().getShape().size()
                    + model.getEncoder().getPadToken().getShape().size();

            check(tier, "feature_extractor", expected,
                    ParameterCounts.trainable(model.getEncoder().getFeatureExtractor()));
            check(tier, "positional_encoding", expected,
                    ParameterCounts.trainable(model.getEncoder().getPositionalEncoding()));
            check(tier, "dual_branch_transformer", expected, dualBranch);
            check(tier, "mask_pad_tokens", expected, tokens);
            check(tier, "encoder_total", expected, ParameterCounts.trainable(model.getEncoder()));
            check(tier, "head_cross_channel_fusion", expected,
                    ParameterCounts.trainable(head.getCrossChannelFusion()));
            check(tier, "head_temporal_attention", expected, ParameterCounts.trainable(head.getTemporalAttention()));
            check(tier, "head_attention_pooling", expected, ParameterCounts.trainable(head.getAttentionPooling()));
            check(tier, "head_projection", expected, ParameterCounts.trainable(head.getProjection()));
            check(tier, "head_total", expected, ParameterCounts.trainable(head));
            check(tier, "channel_text_fusion", expected, ParameterCounts.trainable(model.getChannelTextFusion()));
            check(tier, "label_bank_pooling", expected, ParameterCounts.trainable(all.getLabelBank()));
            check(tier, "logit_scale", expected, ParameterCounts.trainable(all.getLoss()));
            check(tier, "trainable_total", expected, ParameterCounts.trainable(all));
            if (e.getValue().isPerPatchPrediction()) {
                long perPatchInference = ParameterCounts.trainable(model.getEncoder())
                        + ParameterCounts.trainable(model.getChannelTextFusion())
                        + ParameterCounts.trainable(head.getCrossChannelFusion())
                        + ParameterCounts.trainable(head.getProjection());
                check(tier, "used_in_per_patch_inference", expected, perPatchInference);
            }
        }
    }

    private static void check(String tier, String key, JsonNode expected, long actual) {
        assertThat(actual).as(tier + " " + key).isEqualTo(expected.get(key).asLong());
    }

    @Test
    void initialisedTinyAllocatesExactlyTheCountedScalars() {
        TrainableTsfm tiny = new TrainableTsfm(TsfmConfig.tiny());
        try (NDManager manager = NDManager.newBaseManager()) {
            tiny.initialize(manager, DataType.FLOAT32);
            long allocated = 0;
            for (Parameter p : tiny.getParameters().values()) {
                assertThat(p.getArray().getShape()).as(p.getName()).isEqualTo(p.getShape());
                assertThat(p.getArray().hasGradient()).as(p.getName()).isTrue();
                allocated += p.getArray().size();
            }
            assertThat(allocated).isEqualTo(6_478_114L);
        }
    }
}
