package io.tsfm.export.perf;

import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.training.model.config.TsfmConfig;
import org.junit.jupiter.api.Test;

/** The analytic MAC count reproduces the spec's per-component estimate for one 6 × 6 window exactly. */
class MacCountTest {

    private static void assertSpec(TsfmConfig c, long features, long encoder, long gate, long fusion, long rest,
                                   long total) {
        MacCount m = MacCount.of(c, 6, 6);
        assertThat(m.featureExtractor()).as("feature extractor").isEqualTo(features);
        assertThat(m.encoder()).as("encoder").isEqualTo(encoder);
        assertThat(m.gateSensor()).as("channel text gate").isEqualTo(gate);
        assertThat(m.channelFusion()).as("channel fusion").isEqualTo(fusion);
        assertThat(m.headRest()).as("head rest").isEqualTo(rest);
        assertThat(m.specTotal()).isEqualTo(total);
        assertThat(m.gateChannel()).isEqualTo(6L * c.getDModel() * c.getDModel());
        assertThat(m.total()).isEqualTo(total + m.gateChannel());
    }

    @Test
    void matchesTheSpecEstimateForEveryMeasuredTier() {
        // results.json → inference_cost_estimate_MACs_per_window
        assertSpec(TsfmConfig.tiny(), 24_725_376L, 85_598_208L, 1_327_104L, 9_603_072L, 2_211_840L, 123_465_600L);
        assertSpec(TsfmConfig.small(), 24_846_336L, 341_065_728L, 5_308_416L, 38_227_968L, 27_955_200L,
                437_403_648L);
        assertSpec(TsfmConfig.smallDeep(), 25_668_864L, 682_131_456L, 5_308_416L, 48_992_256L, 7_077_888L,
                769_178_880L);
        assertSpec(TsfmConfig.medium(), 26_482_176L, 1_211_498_496L, 9_437_184L, 86_949_888L, 14_155_776L,
                1_348_523_520L);
    }

    @Test
    void scalesWithTheWindow() {
        MacCount six = MacCount.of(TsfmConfig.micro(), 6, 6);
        MacCount three = MacCount.of(TsfmConfig.micro(), 6, 3);
        assertThat(three.featureExtractor() * 2).isEqualTo(six.featureExtractor());
        assertThat(three.total()).isLessThan(six.total()).isPositive();
    }
}
