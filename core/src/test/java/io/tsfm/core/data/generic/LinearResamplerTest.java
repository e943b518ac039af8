package io.tsfm.core.data.generic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LinearResamplerTest {
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
}
