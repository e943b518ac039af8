package io.tsfm.core.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Session;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PatcherTest {
    private static final int S = PatchingConfig.STEPS;

    @Test
    void samplesPerPatchTruncatesThePlainProduct() {
        assertThat(Patcher.samplesPerPatch(50, 1.25)).isEqualTo(62);
        assertThat(Patcher.samplesPerPatch(25, 1.5)).isEqualTo(37);
        assertThat(Patcher.samplesPerPatch(100, 2.0)).isEqualTo(200);
        assertThat(Patcher.samplesPerPatch(20, 1.75)).isEqualTo(35);
        // 100·0.29 = 28.999999999999996 in binary: Python's int() gives 28, so must we
        assertThat(Patcher.samplesPerPatch(100, 0.29)).isEqualTo(28);
        assertThat(Patcher.samplesPerPatch(30, 1.1)).isEqualTo(33);
    }

    @Test
    void patchCountDropsTrailingSamples() {
        assertThat(Patcher.numPatches(300, 50)).isEqualTo(6);
        assertThat(Patcher.numPatches(349, 50)).isEqualTo(6);
        assertThat(Patcher.numPatches(350, 50)).isEqualTo(7);
        assertThat(Patcher.numPatches(62, 62)).isEqualTo(1);
        assertThat(Patcher.numPatches(128, 62)).isEqualTo(2);
    }

    @Test
    void patchLongerThanWindowIsAClearError() {
        float[][] w = randomWindow(new Random(1), 2, 40);
        assertThatThrownBy(() -> new Patcher().patch(w, 50, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("50 samples")
                .hasMessageContaining("window of 40 samples");
    }

    @Test
    void badInputIsNamed() {
        float[][] w = randomWindow(new Random(2), 3, 100);
        w[2][17] = Float.NaN;
        assertThatThrownBy(() -> new Patcher().patch(w, 50, 1.0))
                .hasMessageContaining("channel 2").hasMessageContaining("sample 17");
        float[][] ragged = {new float[100], new float[99]};
        assertThatThrownBy(() -> new Patcher().patch(ragged, 50, 1.0)).hasMessageContaining("channel 1 has 99");
        assertThatThrownBy(() -> new Patcher().patch(new float[0][], 50, 1.0)).hasMessageContaining("no channels");
        assertThatThrownBy(() -> Patcher.samplesPerPatch(50, 0.01)).hasMessageContaining("no whole sample");
        assertThatThrownBy(() -> Patcher.samplesPerPatch(0, 1)).hasMessageContaining("sampling rate");
    }

    @Test
    void sessionErrorsNameTheSession() {
        Session s = new Session("s_0001", "demo", "1", "walking", 50,
                List.of(Channel.of("acc_x", SensorKind.ACCELEROMETER, "x", "waist")), new float[][] {new float[30]}, "f");
        assertThatThrownBy(() -> new Patcher().patch(s, 1.0)).hasMessageStartingWith("demo/s_0001:");
    }

    /** Independent reference: exact rational source position, then the two-point formula of spec §2.3. */
    private static double[] referenceInterpolation(double[] x, int n) {
        double[] y = new double[S];
        for (int j = 0; j < S; j++) {
            // src = (j + 0.5)·n/S − 0.5 = ((2j + 1)·n − S) / (2S), exactly as a fraction
            BigInteger num = BigInteger.valueOf((2L * j + 1) * n - S);
            BigInteger den = BigInteger.valueOf(2L * S);
            int i0;
            double lambda;
            if (num.signum() <= 0) {
                i0 = 0;
                lambda = 0;
            } else {
                BigInteger[] qr = num.divideAndRemainder(den);
                i0 = qr[0].intValueExact();
                lambda = qr[1].doubleValue() / den.doubleValue();
            }
            int i1 = Math.min(i0 + 1, n - 1);
            y[j] = (1 - lambda) * x[i0] + lambda * x[i1];
        }
        return y;
    }

    @ParameterizedTest
    @ValueSource(ints = {30, 50, 62, 64, 100, 200})
    void interpolationMatchesTheSpecFormula(int n) {
        Random rnd = new Random(n);
        for (int trial = 0; trial < 20; trial++) {
            float[] src = new float[n];
            double[] xd = new double[n];
            for (int i = 0; i < n; i++) {
                src[i] = (float) (rnd.nextGaussian() * 5);
                xd[i] = src[i];
            }
            double[] got = new double[S];
            Patcher.interpolate(src, 0, 1, n, got);
            double[] want = referenceInterpolation(xd, n);
            for (int j = 0; j < S; j++) {
                assertThat(got[j]).as("n=%d j=%d", n, j).isCloseTo(want[j], within(1e-12));
            }
        }
    }

    @Test
    void interpolationOfSixtyFourPointsIsIdentityAndEndpointsClamp() {
        Random rnd = new Random(3);
        float[] src = new float[S];
        for (int i = 0; i < S; i++) src[i] = (float) rnd.nextGaussian();
        double[] out = new double[S];
        Patcher.interpolate(src, 0, 1, S, out);
        for (int j = 0; j < S; j++) assertThat(out[j]).isEqualTo(src[j]);
        // upsampling 30 → 64: the first output lies left of sample 0's centre and is clamped to it
        float[] ramp = new float[30];
        for (int i = 0; i < 30; i++) ramp[i] = i;
        Patcher.interpolate(ramp, 0, 1, 30, out);
        assertThat(out[0]).isEqualTo(0.0);
        assertThat(out[S - 1]).isEqualTo(29.0);
        // interior of a ramp is the ramp evaluated at the source position
        assertThat(out[10]).isCloseTo(10.5 * 30 / 64 - 0.5, within(1e-12));
    }

    @Test
    void stridedInterpolationReadsTheRightSamples() {
        float[] interleaved = new float[2 * 50];
        float[] plain = new float[50];
        Random rnd = new Random(4);
        for (int i = 0; i < 50; i++) {
            plain[i] = (float) rnd.nextGaussian();
            interleaved[2 * i + 1] = plain[i];
            interleaved[2 * i] = 1e6f;
        }
        double[] a = new double[S];
        double[] b = new double[S];
        Patcher.interpolate(plain, 0, 1, 50, a);
        Patcher.interpolate(interleaved, 1, 2, 50, b);
        assertThat(b).containsExactly(a);
    }

    @Test
    void patchesAreZScoredPerPatchAndChannel() {
        Random rnd = new Random(5);
        int c = 3;
        int t = 50 * 7 + 13;
        float[][] w = randomWindow(rnd, c, t);
        for (int i = 0; i < t; i++) w[1][i] = w[1][i] * 100 + 9.81f; // different scale and offset
        PatchedWindow pw = new Patcher().patch(w, 50, 1.0);
        assertThat(pw.numPatches()).isEqualTo(7);
        assertThat(pw.numChannels()).isEqualTo(3);
        assertThat(pw.samplesPerPatch()).isEqualTo(50);
        assertThat(pw.shape()).containsExactly(7, 64, 3);
        for (int p = 0; p < 7; p++) {
            for (int ch = 0; ch < c; ch++) {
                double sum = 0;
                double ss = 0;
                for (int s = 0; s < S; s++) sum += pw.get(p, s, ch);
                double mean = sum / S;
                for (int s = 0; s < S; s++) ss += (pw.get(p, s, ch) - mean) * (pw.get(p, s, ch) - mean);
                assertThat(mean).isCloseTo(0, within(1e-6));
                assertThat(Math.sqrt(ss / S)).isCloseTo(1, within(1e-5));
            }
        }
    }

    @Test
    void patchValuesEqualInterpolationThenZScoreOfTheRightSlice() {
        Random rnd = new Random(6);
        float[][] w = randomWindow(rnd, 2, 200);
        PatchedWindow pw = new Patcher().patch(w, 100, 0.62); // n = 62, 3 patches, 14 samples dropped
        assertThat(pw.samplesPerPatch()).isEqualTo(62);
        assertThat(pw.numPatches()).isEqualTo(3);
        int p = 2;
        int ch = 1;
        double[] x = new double[62];
        for (int i = 0; i < 62; i++) x[i] = w[ch][p * 62 + i];
        double[] y = referenceInterpolation(x, 62);
        double mean = 0;
        for (double v : y) mean += v / S;
        double var = 0;
        for (double v : y) var += (v - mean) * (v - mean) / S;
        double sd = Math.sqrt(var);
        for (int s = 0; s < S; s++) {
            assertThat((double) pw.get(p, s, ch)).isCloseTo((y[s] - mean) / sd, within(1e-5));
        }
    }

    @Test
    void amplitudeScaleAndOffsetAreRemoved() {
        Random rnd = new Random(7);
        float[][] a = randomWindow(rnd, 1, 100);
        float[][] b = {new float[100]};
        for (int i = 0; i < 100; i++) b[0][i] = a[0][i] * 4 - 3;
        float[] pa = new Patcher().patch(a, 50, 1.0).data();
        float[] pb = new Patcher().patch(b, 50, 1.0).data();
        for (int i = 0; i < pa.length; i++) assertThat(pb[i]).isCloseTo(pa[i], within(1e-4f));
    }

    @Test
    void constantChannelsBecomeExactZeros() {
        float[][] w = randomWindow(new Random(8), 3, 150);
        java.util.Arrays.fill(w[0], 9.81f);
        java.util.Arrays.fill(w[2], 0f);
        PatchedWindow pw = new Patcher().patch(w, 50, 1.25); // n = 62, upsampled: λ takes many values
        for (int p = 0; p < pw.numPatches(); p++) {
            for (int s = 0; s < S; s++) {
                assertThat(pw.get(p, s, 0)).isEqualTo(0f);
                assertThat(pw.get(p, s, 2)).isEqualTo(0f);
                assertThat(Float.isFinite(pw.get(p, s, 1))).isTrue();
            }
        }
        assertThat(pw.get(0, 5, 1)).isNotEqualTo(0f);
    }

    @Test
    void tinyVariationIsNotAmplifiedPastTheFloor() {
        double[] v = new double[S];
        for (int i = 0; i < S; i++) v[i] = 1.0 + (i % 2) * 1e-12; // std 5e-13 < floor 1e-8
        Patcher.zscore(v, 1e-8);
        for (double d : v) assertThat(Math.abs(d)).isLessThan(1e-4);
    }

    @Test
    void patchesAreCappedAtTheConfiguredMaximum() {
        float[][] w = randomWindow(new Random(9), 2, 50 * 60);
        PatchedWindow def = new Patcher().patch(w, 50, 1.0);
        assertThat(def.numPatches()).isEqualTo(48);
        PatchedWindow capped = new Patcher(PatchingConfig.builder().optMaxPatches(5).build()).patch(w, 50, 1.0);
        assertThat(capped.numPatches()).isEqualTo(5);
        // the cap keeps the first patches
        for (int i = 0; i < capped.data().length; i++) assertThat(capped.data()[i]).isEqualTo(def.data()[i]);
    }

    static float[][] randomWindow(Random rnd, int channels, int length) {
        float[][] w = new float[channels][length];
        for (float[] row : w) for (int i = 0; i < length; i++) row[i] = (float) rnd.nextGaussian();
        return w;
    }

    @Test
    void statsKeepTheAmplitudeTheZScoreRemoves() {
        // channel 0: gravity alone (still, 9.81); channel 1: a 2 Hz sine of amplitude 3 around -1 (1 s patches at 64 Hz)
        int n = 128;
        float[][] w = new float[2][n];
        for (int t = 0; t < n; t++) {
            w[0][t] = 9.81f;
            w[1][t] = (float) (-1 + 3 * Math.sin(2 * Math.PI * 2 * t / 64.0));
        }
        PatchedWindow p = new Patcher().patch(w, 64, 1.0);
        assertThat(p.stats()).hasSize(2 * 2 * PatchedWindow.STATS);
        for (int patch = 0; patch < 2; patch++) {
            int still = (patch * 2) * PatchedWindow.STATS;
            int sine = (patch * 2 + 1) * PatchedWindow.STATS;
            assertThat(p.stats()[still]).isCloseTo((float) Math.log1p(9.81), within(1e-5f));
            assertThat(p.stats()[still + 1]).isCloseTo((float) Math.log(0.01), within(1e-5f));
            assertThat(p.stats()[sine]).isCloseTo((float) -Math.log1p(1), within(1e-3f));
            // a sine's population standard deviation is amplitude / sqrt 2
            assertThat(p.stats()[sine + 1]).isCloseTo((float) Math.log(3 / Math.sqrt(2) + 0.01), within(1e-3f));
            // the patches themselves stay z-scored: the still channel is all zero
            for (int s = 0; s < 64; s++) assertThat(p.get(patch, s, 0)).isZero();
        }
        // scaling a window changes only the stats, never the patches
        float[][] louder = new float[2][n];
        for (int c = 0; c < 2; c++) for (int t = 0; t < n; t++) louder[c][t] = 4 * w[c][t];
        PatchedWindow q = new Patcher().patch(louder, 64, 1.0);
        for (int i = 0; i < p.data().length; i++) assertThat(q.data()[i]).isCloseTo(p.data()[i], within(1e-5f));
        assertThat(q.stats()[3]).isGreaterThan(p.stats()[3] + 1f); // the sine channel: ln 4 louder
    }

    @Test
    void statsAreCollatedWithTheirPatchesAndPaddedWithZeros() {
        Patcher patcher = new Patcher();
        float[][] a = {new float[100], new float[100]};
        float[][] b = {new float[200]};
        java.util.Arrays.fill(a[1], 2f);
        java.util.Arrays.fill(b[0], -5f);
        PatchBatch batch = PatchBatch.collate(List.of(patcher.patch(a, 50, 1.0), patcher.patch(b, 50, 1.0)));
        assertThat(batch.patchStatsShape()).containsExactly(2, 4, 2, 2);
        float[] s = batch.patchStats();
        // item 0, patch 0, channel 1: mean 2
        assertThat(s[((0 * 4 + 0) * 2 + 1) * 2]).isCloseTo((float) Math.log1p(2), within(1e-6f));
        // item 0, patch 2 is padding: zeros
        assertThat(s[((0 * 4 + 2) * 2) * 2]).isZero();
        // item 1, patch 3, channel 0: mean -5; its channel 1 is padding
        assertThat(s[((1 * 4 + 3) * 2) * 2]).isCloseTo((float) -Math.log1p(5), within(1e-6f));
        assertThat(s[((1 * 4 + 3) * 2 + 1) * 2]).isZero();
    }
}
