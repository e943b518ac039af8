package io.tsfm.benchmark.baseline.lanhar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GravityAlignmentTest {

    @Test
    void butterworthCoefficientsMatchTheBilinearDesign() {
        // by hand: k = tan(pi·0.3/20) = 0.0471588, b0 = k²/(1 + √2·k + k²); scipy.signal.butter(2, 0.3, fs=20) agrees
        double[] c = GravityAlignment.butterworth2(0.3, 20);
        assertThat(c[0]).isCloseTo(0.00208057, within(1e-8));
        assertThat(c[1]).isCloseTo(0.00416113, within(1e-8));
        assertThat(c[2]).isCloseTo(0.00208057, within(1e-8));
        assertThat(c[3]).isCloseTo(-1.86689228, within(1e-8));
        assertThat(c[4]).isCloseTo(0.87521455, within(1e-8));
    }

    @Test
    void zeroPhaseLowPassMatchesFiltfiltWithoutPadding() {
        double[] x = {9.8, 9.9, 10.5, 8.7, 9.1, 12.0, 9.8, 9.6, 9.7, 9.9, 10.0, 9.0};
        // scipy.signal.filtfilt(b, a, x, padlen=0): both passes start from lfilter_zi scaled by their first sample
        double[] expected = {9.82747033, 9.82865074, 9.82973338, 9.83071047, 9.83156942, 9.83227393, 9.83278968,
            9.8331248, 9.83332043, 9.83341859, 9.83345468, 9.83346147};
        double[] y = GravityAlignment.lowPass(x, 0.3, 20);
        for (int i = 0; i < x.length; i++) assertThat(y[i]).as("sample %d", i).isCloseTo(expected[i], within(1e-7));
    }

    @Test
    void constantPassesAndFiveHertzIsSuppressed() {
        double[] dc = new double[120];
        java.util.Arrays.fill(dc, -9.81);
        for (double v : GravityAlignment.lowPass(dc, 0.3, 20)) assertThat(v).isCloseTo(-9.81, within(1e-9));
        double[] sine = new double[120];
        for (int i = 0; i < sine.length; i++) sine[i] = Math.sin(2 * Math.PI * 5 * i / 20.0);
        double max = 0;
        for (double v : GravityAlignment.lowPass(sine, 0.3, 20)) max = Math.max(max, Math.abs(v));
        assertThat(max).isCloseTo(0.01671088, within(1e-6)); // filtfilt's value; the start-up transient dominates
    }

    @Test
    void rodriguesTakesXToZAndKeepsTheRotationAxis() {
        // gravity along +X: a quarter turn about the axis X × Z = −Y; by hand R = [[0,0,-1],[0,1,0],[1,0,0]]
        double[][] r = GravityAlignment.rotationToZ(new double[] {9.81, 0, 0});
        double[][] expected = {{0, 0, -1}, {0, 1, 0}, {1, 0, 0}};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) assertThat(r[i][j]).as("R[%d][%d]", i, j).isCloseTo(expected[i][j], within(1e-12));
        }
    }

    @Test
    void rodriguesOnADiagonalAndTheDegenerateCases() {
        double s = 1 / Math.sqrt(2);
        // gravity (0, 1, 1)/√2: an eighth turn about X; by hand R = [[1,0,0],[0,s,-s],[0,s,s]]
        double[][] r = GravityAlignment.rotationToZ(new double[] {0, 3, 3});
        double[][] expected = {{1, 0, 0}, {0, s, -s}, {0, s, s}};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) assertThat(r[i][j]).isCloseTo(expected[i][j], within(1e-12));
        }
        assertThat(GravityAlignment.rotationToZ(new double[] {0, 0, 2})[0]).containsExactly(1, 0, 0);
        double[][] flip = GravityAlignment.rotationToZ(new double[] {0, 0, -2});
        assertThat(flip[2]).containsExactly(0, 0, -1);
        assertThatThrownBy(() -> GravityAlignment.rotationToZ(new double[] {0, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no direction");
    }

    @Test
    void alignedWindowHasGravityOnZAndGyroRotatedAlike() {
        // a device lying on its side: gravity on +Y, plus a 4 Hz wobble on X and a rotation rate about Y
        float[][] w = new float[120][6];
        for (int i = 0; i < w.length; i++) {
            float wobble = (float) Math.sin(2 * Math.PI * 4 * i / 20.0);
            w[i] = new float[] {wobble, 9.81f, 0, 0, 0.5f, 0};
        }
        float[][] a = GravityAlignment.align(w);
        double[] mean = new double[6];
        for (float[] row : a) for (int c = 0; c < 6; c++) mean[c] += row[c] / a.length;
        // gravity (0, g, 0) → +Z: a quarter turn about X, so y → z and z → −y; the wobble stays on X
        assertThat(mean[0]).isCloseTo(0, within(0.05));
        assertThat(mean[1]).isCloseTo(0, within(1e-4));
        assertThat(mean[2]).isCloseTo(9.81, within(1e-4));
        assertThat(a[5][0]).isCloseTo(w[5][0], within(0.01f)); // the wobble leaks a trace into the gravity estimate
        assertThat(mean[4]).isCloseTo(0, within(1e-5));
        assertThat(mean[5]).isCloseTo(0.5, within(1e-5));
        assertThat(w[3][1]).isEqualTo(9.81f); // input untouched
    }

    @Test
    void windowWithoutGravityIsLeftAsIs() {
        float[][] w = new float[120][6];
        w[7][3] = 1.5f;
        float[][] a = GravityAlignment.align(w);
        assertThat(a[7]).containsExactly(0, 0, 0, 1.5f, 0, 0);
        assertThatThrownBy(() -> GravityAlignment.align(new float[][] {{1, 2, 3}}))
                .hasMessageContaining("row 0 has 3 values");
    }
}
