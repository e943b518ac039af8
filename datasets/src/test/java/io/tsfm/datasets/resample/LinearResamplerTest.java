package io.tsfm.datasets.resample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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

    // cases of the former io.tsfm.datasets.generic.LinearResampler (grid from a start time and a rate)

    @Test
    void interpolatesBetweenNeighboursOnTheGrid() {
        double[] t = {0.0, 0.013, 0.031, 0.052, 0.070, 0.1};
        float[] v = new float[t.length];
        for (int i = 0; i < t.length; i++) v[i] = (float) (3 * t[i] - 1); // linear: reproduced exactly
        float[] out = LinearResampler.resample(t, v, 0.0, 50, LinearResampler.gridLength(0, 0.1, 50));
        assertThat(out).hasSize(6);
        for (int k = 0; k < out.length; k++) assertThat(out[k]).isCloseTo((float) (3 * k * 0.02 - 1), within(1e-6f));
    }

    @Test
    void midpointOfAStepIsItsMean() {
        float[] out = LinearResampler.resample(new double[] {0, 1}, new float[] {2, 4}, 0.5, 1, 1);
        assertThat(out[0]).isEqualTo(3f);
    }

    @Test
    void refusesAGridOutsideTheSamples() {
        assertThatThrownBy(() -> LinearResampler.resample(new double[] {0, 1}, new float[] {0, 1}, 0, 10, 12))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leaves the sampled span");
    }

    @Test
    void gridLengthCountsPointsWithinTheSpan() {
        assertThat(LinearResampler.gridLength(0.5, 0.7, 10)).isEqualTo(3);
        assertThat(LinearResampler.gridLength(0, 0.099, 10)).isEqualTo(1);
        assertThat(LinearResampler.gridLength(1, 0, 10)).isZero();
    }

    // cases of the former io.tsfm.datasets.readers.Resampler (whole runs, on-grid runs kept as read)

    @Test
    void anEndShortOfAnInstantByClockRoundingStillReachesIt() {
        // 2e-7 s short of 1 s, as HARTH's epoch-second timestamps round: 51 instants at 50 Hz, not 50
        assertThat(LinearResampler.gridLength(0, 1.0 - 2e-7, 50)).isEqualTo(51);
        // 1 ms short is a real shortfall
        assertThat(LinearResampler.gridLength(0, 1.0 - 1e-3, 50)).isEqualTo(50);
    }

    @Test
    void aWholeRunIsResampledFromItsFirstSample() {
        double[] t = {10.0, 10.011, 10.019, 10.032, 10.041};
        float[][] v = {{0, 11, 19, 32, 41}};
        float[][] out = LinearResampler.resample(t, v, 100);
        assertThat(out[0]).hasSize(5); // 10.00 .. 10.04
        for (int k = 0; k < 5; k++) assertThat(out[0][k]).isCloseTo(10f * k, within(1e-3f));
    }

    @Test
    void aRunOnTheGridIsKeptAsReadAndAnOffGridRunIsResampled() {
        float[][] v = {{1, 2, 3, 4}};
        double[] jittered = {0.0, 0.021, 0.039, 0.062}; // within a quarter period of the 50 Hz grid
        assertThat(LinearResampler.regularize(jittered, v, 50)).isSameAs(v);
        double[] skipped = {0.0, 0.02, 0.06, 0.08};     // one sample missing: off the grid from the third on
        float[][] out = LinearResampler.regularize(skipped, v, 50);
        assertThat(out[0]).containsExactly(1f, 2f, 2.5f, 3f, 4f);
    }

    @Test
    void anInstantOnASampleTakesItsValueANaNBetweenSamplesSpreads() {
        double[] t = {0, 1, 2};
        float[] v = {5, Float.NaN, 7};
        float[] out = LinearResampler.resample(t, v, new LinearResampler.Clock(0, 0.5, 5));
        assertThat(out[0]).isEqualTo(5f);   // on sample 0: its value, not NaN from the right neighbour
        assertThat(out[1]).isNaN();
        assertThat(out[2]).isNaN();          // on the NaN sample itself
        assertThat(out[3]).isNaN();
        assertThat(out[4]).isEqualTo(7f);
    }

    @Test
    void refusesTimestampsThatDoNotIncrease() {
        assertThatThrownBy(() -> LinearResampler.resample(new double[] {0, 1, 1}, new float[] {0, 1, 2},
                new LinearResampler.Clock(0, 0.5, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strictly increasing");
    }
}
