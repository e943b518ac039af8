package io.tsfm.benchmark.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.SensorKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowFeaturesTest {
    private static final List<Channel> ACC = List.of(
            Channel.of("acc_x", SensorKind.ACCELEROMETER, "x", "wrist"),
            Channel.of("acc_y", SensorKind.ACCELEROMETER, "y", "wrist"),
            Channel.of("acc_z", SensorKind.ACCELEROMETER, "z", "wrist"));

    private static double feature(double[] f, String name) {
        int i = WindowFeatures.names(ACC).indexOf(name);
        assertThat(i).as(name).isGreaterThanOrEqualTo(0);
        return f[i];
    }

    @Test
    void aSineShowsItsFrequencyAmplitudeAndBand() {
        // acc_x: 3 sin(2 pi 2 t) + 1 at 50 Hz for 6 s; acc_y constant 9.8; acc_z = -acc_x
        int n = 300;
        float[][] x = new float[3][n];
        for (int t = 0; t < n; t++) {
            x[0][t] = (float) (3 * Math.sin(2 * Math.PI * 2 * t / 50.0) + 1);
            x[1][t] = 9.8f;
            x[2][t] = -x[0][t];
        }
        double[] f = WindowFeatures.compute(x, 50, ACC);
        assertThat(f).hasSize(WindowFeatures.names(ACC).size());
        assertThat(feature(f, "acc_x.mean")).isCloseTo(1, within(1e-5));
        assertThat(feature(f, "acc_x.std")).isCloseTo(3 / Math.sqrt(2), within(1e-5));
        assertThat(feature(f, "acc_x.max")).isCloseTo(4, within(1e-2));
        assertThat(feature(f, "acc_x.dominant_hz")).isEqualTo(2.0);
        assertThat(feature(f, "acc_x.dominant_share")).isCloseTo(1, within(1e-9));
        assertThat(feature(f, "acc_x.band_2_3")).isCloseTo(1, within(1e-9));
        assertThat(feature(f, "acc_x.spectral_entropy")).isCloseTo(0, within(1e-6));
        // 2 full periods a second: 24 sign changes of the mean-removed sine over 300 samples
        assertThat(feature(f, "acc_x.mean_crossing_rate") * 299).isCloseTo(24, within(1.0));
        assertThat(feature(f, "corr.acc_x.acc_z")).isCloseTo(-1, within(1e-9));
        // a constant channel: no spread, no spectrum, no correlation, finite everywhere
        assertThat(feature(f, "acc_y.std")).isZero();
        assertThat(feature(f, "acc_y.dominant_hz")).isZero();
        assertThat(feature(f, "corr.acc_x.acc_y")).isZero();
        assertThat(feature(f, "acc_y.p50")).isCloseTo(9.8, within(1e-5));
        assertThat(java.util.Arrays.stream(f).allMatch(Double::isFinite)).isTrue();
        assertThat(WindowFeatures.names(ACC)).contains("accelerometer_magnitude.mean");
    }

    @Test
    void percentilesInterpolateLikeNumpy() {
        // numpy.percentile([1, 2, 3, 4, 10], [10, 25, 50, 75, 90]) = [1.4, 2, 3, 4, 7.6]
        float[][] x = {{4, 1, 10, 3, 2}, {0, 0, 0, 0, 0}, {0, 0, 0, 0, 0}};
        double[] f = WindowFeatures.compute(x, 10, ACC);
        assertThat(feature(f, "acc_x.p10")).isCloseTo(1.4, within(1e-9));
        assertThat(feature(f, "acc_x.p25")).isCloseTo(2, within(1e-9));
        assertThat(feature(f, "acc_x.p90")).isCloseTo(7.6, within(1e-9));
    }

    @Test
    void mismatchedInputIsRefused() {
        assertThatThrownBy(() -> WindowFeatures.compute(new float[2][10], 10, ACC))
                .hasMessageContaining("2 sample rows but 3 channels");
        assertThatThrownBy(() -> WindowFeatures.compute(new float[3][1], 10, ACC))
                .hasMessageContaining("at least one channel of 2 samples");
    }
}
