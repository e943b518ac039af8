package io.tsfm.core.data.resample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LinearResamplerTest {

    @Test
    void commonClockCoversOnlyTheOverlap() {
        // stream a: 0.00 .. 1.00 s, stream b: 0.013 .. 0.95 s; at 10 Hz the clock is 0.013, 0.113, ..., 0.913
        double[] a = {0.0, 0.5, 1.0};
        double[] b = {0.013, 0.4, 0.95};
        LinearResampler.Clock c = LinearResampler.commonClock(10, a, b);
        assertThat(c.start()).isEqualTo(0.013);
        assertThat(c.n()).isEqualTo(10);
        assertThat(c.time(9)).isCloseTo(0.913, within(1e-12));
    }

    @Test
    void anEndOnAnInstantIsKept() {
        LinearResampler.Clock c = LinearResampler.commonClock(50, new double[] {0.0, 1.0});
        assertThat(c.n()).isEqualTo(51); // 0, 0.02, ..., 1.00
        assertThat(c.time(50)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void noOverlapGivesAnEmptyClock() {
        LinearResampler.Clock c = LinearResampler.commonClock(50, new double[] {0, 1}, new double[] {2, 3});
        assertThat(c.n()).isZero();
        assertThat(LinearResampler.resample(new double[] {0, 1}, new float[] {1, 2}, c)).isEmpty();
    }

    @Test
    void interpolatesBetweenIrregularSamples() {
        // hand computed: v(t) piecewise linear through (0,0) (0.3,3) (0.4,-1) (1.0,5)
        double[] t = {0.0, 0.3, 0.4, 1.0};
        float[] v = {0f, 3f, -1f, 5f};
        LinearResampler.Clock c = new LinearResampler.Clock(0.0, 0.25, 5); // 0, .25, .5, .75, 1
        float[] out = LinearResampler.resample(t, v, c);
        // 0 -> 0; 0.25 -> 2.5; 0.5 -> -1 + (0.1/0.6)*6 = 0; 0.75 -> -1 + (0.35/0.6)*6 = 2.5; 1.0 -> 5
        assertThat(out[0]).isCloseTo(0f, within(1e-6f));
        assertThat(out[1]).isCloseTo(2.5f, within(1e-6f));
        assertThat(out[2]).isCloseTo(0f, within(1e-6f));
        assertThat(out[3]).isCloseTo(2.5f, within(1e-6f));
        assertThat(out[4]).isCloseTo(5f, within(1e-6f));
    }

    @Test
    void hitsSourceSamplesExactlyAndHandlesDownsampling() {
        // 200 Hz ramp v = 2t + 1 resampled to 50 Hz must stay on the ramp
        int n = 201;
        double[] t = new double[n];
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            t[i] = i / 200.0 + (i % 3) * 1e-4; // slightly irregular
            v[i] = (float) (2 * t[i] + 1);
        }
        LinearResampler.Clock c = LinearResampler.commonClock(50, t);
        float[] out = LinearResampler.resample(t, v, c);
        assertThat(out).hasSize(c.n());
        for (int k = 0; k < out.length; k++) {
            assertThat(out[k]).isCloseTo((float) (2 * c.time(k) + 1), within(1e-5f));
        }
    }

    @Test
    void resamplesEveryChannelOfAStream() {
        double[] t = {0, 1, 2};
        float[][] v = {{0, 10, 20}, {5, 5, -5}};
        float[][] out = LinearResampler.resample(t, v, new LinearResampler.Clock(0.5, 1.0, 2));
        assertThat(out[0]).containsExactly(5f, 15f);
        assertThat(out[1]).containsExactly(5f, 0f);
    }

    @Test
    void longestGap() {
        assertThat(LinearResampler.longestGap(new double[] {0, 0.01, 0.3, 0.31})).isCloseTo(0.29, within(1e-12));
    }
}
