package io.tsfm.core.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.SensorKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelDescriptionsTest {
    @Test
    void oneDecimalIsHalfEvenOnTheExactBinaryValueLikePython() {
        // expected strings are Python's format(v, ".1f")
        assertThat(ChannelDescriptions.formatFixed(1.25, 1)).isEqualTo("1.2");
        assertThat(ChannelDescriptions.formatFixed(0.75, 1)).isEqualTo("0.8");
        assertThat(ChannelDescriptions.formatFixed(1.75, 1)).isEqualTo("1.8");
        assertThat(ChannelDescriptions.formatFixed(2.25, 1)).isEqualTo("2.2");
        assertThat(ChannelDescriptions.formatFixed(1.0, 1)).isEqualTo("1.0");
        assertThat(ChannelDescriptions.formatFixed(2.0, 1)).isEqualTo("2.0");
        // not exact ties in binary: 0.15 is 0.1499…, 0.45 is 0.4500…01, 1.05 is 1.0500…04
        assertThat(ChannelDescriptions.formatFixed(0.15, 1)).isEqualTo("0.1");
        assertThat(ChannelDescriptions.formatFixed(0.35, 1)).isEqualTo("0.3");
        assertThat(ChannelDescriptions.formatFixed(0.45, 1)).isEqualTo("0.5");
        assertThat(ChannelDescriptions.formatFixed(1.05, 1)).isEqualTo("1.1");
        assertThat(ChannelDescriptions.formatFixed(-0.04, 1)).isEqualTo("-0.0");
        // Java's own formatter disagrees on the tie, which is why this class exists
        assertThat(String.format(java.util.Locale.ROOT, "%.1f", 1.25)).isEqualTo("1.3");
    }

    @Test
    void zeroDecimalsIsHalfEvenLikePython() {
        // Python's format(v, ".0f")
        assertThat(ChannelDescriptions.formatFixed(50.0, 0)).isEqualTo("50");
        assertThat(ChannelDescriptions.formatFixed(2.5, 0)).isEqualTo("2");
        assertThat(ChannelDescriptions.formatFixed(3.5, 0)).isEqualTo("4");
        assertThat(ChannelDescriptions.formatFixed(0.5, 0)).isEqualTo("0");
        assertThat(ChannelDescriptions.formatFixed(49.5, 0)).isEqualTo("50");
        assertThat(ChannelDescriptions.formatFixed(50.5, 0)).isEqualTo("50");
        assertThat(ChannelDescriptions.formatFixed(29.97, 0)).isEqualTo("30");
        assertThatThrownBy(() -> ChannelDescriptions.formatFixed(Double.NaN, 1)).hasMessageContaining("non-finite");
    }

    @Test
    void buildsTheReferenceSentence() {
        Channel ch = Channel.of("acc_x", SensorKind.ACCELEROMETER, "x", "waist");
        assertThat(ChannelDescriptions.describeAll("Some dataset.", List.of(ch), 50, 1.25))
                .containsExactly("Some dataset. Accelerometer X-axis (waist) (sampled at 50Hz, 1.2s window)");
        assertThat(ChannelDescriptions.describe("D.", "C")).isEqualTo("D. C");
        assertThat(ChannelDescriptions.padTo(List.of("a"), 3)).containsExactly("a", "[PAD]", "[PAD]");
    }
}
