package io.tsfm.core.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SpectralBasisTest {
    /** Direct DFT with twiddles from the unreduced angle: X_k = Σ_t x_t·e^{−2πi·t·k/N}. */
    private static double[] directDftMagnitudes(double[] x) {
        int n = x.length;
        double[] mag = new double[n / 2 + 1];
        for (int k = 0; k <= n / 2; k++) {
            double re = 0;
            double im = 0;
            for (int t = 0; t < n; t++) {
                double a = -2 * Math.PI * t * k / n;
                re += x[t] * Math.cos(a);
                im += x[t] * Math.sin(a);
            }
            mag[k] = Math.hypot(re, im);
        }
        return mag;
    }

    @Test
    void shapeAndEntries() {
        assertThat(SpectralBasis.BINS).isEqualTo(33);
        assertThat(SpectralBasis.shape()).containsExactly(64, 33);
        float[] c = SpectralBasis.cosMatrix();
        float[] s = SpectralBasis.sinMatrix();
        assertThat(c).hasSize(64 * 33);
        assertThat(s).hasSize(64 * 33);
        for (int t = 0; t < 64; t++) {
            for (int k = 0; k < 33; k++) {
                assertThat((double) c[t * 33 + k]).isCloseTo(Math.cos(2 * Math.PI * t * k / 64), within(1e-7));
                assertThat((double) s[t * 33 + k]).isCloseTo(Math.sin(2 * Math.PI * t * k / 64), within(1e-7));
            }
        }
        // column 0 is DC: all ones and zeros; column 32 is Nyquist: alternating ±1, sine exactly 0
        for (int t = 0; t < 64; t++) {
            assertThat(c[t * 33]).isEqualTo(1f);
            assertThat(s[t * 33]).isEqualTo(0f);
            assertThat(c[t * 33 + 32]).isEqualTo(t % 2 == 0 ? 1f : -1f);
            assertThat(s[t * 33 + 32]).isEqualTo(0f);
        }
        // copies: writing into one does not change the next
        c[0] = 42;
        assertThat(SpectralBasis.cosMatrix()[0]).isEqualTo(1f);
    }

    @Test
    void matmulMagnitudesEqualADirectDft() {
        Random rnd = new Random(21);
        for (int trial = 0; trial < 50; trial++) {
            float[] x = new float[64];
            double[] xd = new double[64];
            for (int t = 0; t < 64; t++) {
                x[t] = (float) rnd.nextGaussian();
                xd[t] = x[t];
            }
            double[] want = directDftMagnitudes(xd);
            double[] got = SpectralBasis.magnitudes(x, 0, 1);
            for (int k = 0; k < 33; k++) assertThat(got[k]).isCloseTo(want[k], within(1e-10));

            // the float matrices, as a model uses them, in float arithmetic
            float[] c = SpectralBasis.cosMatrix();
            float[] s = SpectralBasis.sinMatrix();
            for (int k = 0; k < 33; k++) {
                float re = 0;
                float im = 0;
                for (int t = 0; t < 64; t++) {
                    re += x[t] * c[t * 33 + k];
                    im += x[t] * s[t * 33 + k];
                }
                assertThat((double) (float) Math.sqrt(re * re + im * im)).isCloseTo(want[k], within(1e-4));
            }
        }
    }

    @Test
    void pureToneLandsInItsBin() {
        float[] x = new float[64];
        for (int t = 0; t < 64; t++) x[t] = (float) Math.cos(2 * Math.PI * 5 * t / 64);
        double[] m = SpectralBasis.magnitudes(x, 0, 1);
        for (int k = 0; k < 33; k++) assertThat(m[k]).isCloseTo(k == 5 ? 32.0 : 0.0, within(1e-5));
    }
}
