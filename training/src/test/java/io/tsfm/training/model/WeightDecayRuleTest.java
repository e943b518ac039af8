package io.tsfm.training.model;

import io.tsfm.training.model.config.TsfmConfig;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;

/** The reference's name-based AdamW groups, reproduced on this port's parameter names (spec §4.6, §9.3-8). */
class WeightDecayRuleTest {

    @Test
    void groupsMatchTheReferenceRule() {
        TrainableTsfm tiny = new TrainableTsfm(TsfmConfig.tiny());
        long decayed = 0;
        long total = 0;
        for (Pair<String, Parameter> p : tiny.getParameters()) {
            String name = p.getKey();
            boolean decay = WeightDecayRule.isDecayed(name);
            boolean oneDimensional = p.getValue().getShape().dimension() == 1;
            total++;
            decayed += decay ? 1 : 0;
            if (name.endsWith("_bias") || name.matches(".*norm\\d?_weight") || name.contains("queries")
                    || name.endsWith("_token") || name.endsWith("logit_scale")) {
                assertThat(decay).as(name).isFalse();
            } else {
                // weights, conv kernels, GroupNorm weights (reference quirk) and the PE scale are decayed
                assertThat(decay).as(name).isTrue();
                assertThat(oneDimensional && !name.contains("gn_weight") && !name.endsWith("positional_encoding_scale"))
                        .as(name).isFalse();
            }
        }
        assertThat(decayed).isGreaterThan(0).isLessThan(total);
        assertThat(WeightDecayRule.isDecayed("01model_01encoder_01features_01convs_01conv0_01gn_weight")).isTrue();
        assertThat(WeightDecayRule.isDecayed("01model_01encoder_02positional_encoding_scale")).isTrue();
    }
}
