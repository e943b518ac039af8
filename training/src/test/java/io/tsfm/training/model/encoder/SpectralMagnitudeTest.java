package io.tsfm.training.model.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.tsfm.training.model.config.TsfmConfig;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The DFT-as-matmul magnitude equals |rfft| computed directly in double precision (spec §3.2, §8-8: ≤ 1e-4). */
class SpectralMagnitudeTest {

    @Test
    void basisHoldsCosAndSinOfTheSpecAngles() {
        DftBasis basis = DftBasis.forLength(64);
        assertThat(basis.bins()).isEqualTo(33);
        assertThat(basis.cos(0, 0)).isEqualTo(1f);
        assertThat(basis.sin(16, 1)).isEqualTo(1f); // 2π·16/64 = π/2
        assertThat((double) basis.cos(5, 7)).isCloseTo(Math.cos(2 * Math.PI * 35 / 64), org.assertj.core.data.Offset.offset(1e-7));
        assertThat(basis.cosSinMatrix()).hasSize(64 * 66);
    }

    @Test
    void matmulMagnitudeMatchesDirectDft() {
        SpectralTemporalFeatureExtractor extractor = new SpectralTemporalFeatureExtractor(TsfmConfig.micro());
        Random rnd = new Random(1);
        int n = 5;
        float[] x = new float[n * 64];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (rnd.nextGaussian() * (1 + i % 7));
        }
        try (NDManager m = NDManager.newBaseManager()) {
            float[] mag = extractor.magnitude(m.create(x, new Shape(n, 64))).toFloatArray();
            assertThat(mag).hasSize(n * 33);
            double worst = 0;
            for (int r = 0; r < n; r++) {
                for (int k = 0; k <= 32; k++) {
                    double re = 0;
                    double im = 0;
                    for (int t = 0; t < 64; t++) {
                        re += x[r * 64 + t] * Math.cos(2 * Math.PI * t * k / 64);
                        im -= x[r * 64 + t] * Math.sin(2 * Math.PI * t * k / 64);
                    }
                    double expected = Math.hypot(re, im);
                    worst = Math.max(worst, Math.abs(expected - mag[r * 33 + k]) / Math.max(1, expected));
                }
            }
            assertThat(worst).isLessThan(1e-4);
        }
    }
}
