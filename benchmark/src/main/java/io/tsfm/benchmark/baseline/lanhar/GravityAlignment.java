package io.tsfm.benchmark.baseline.lanhar;

/**
 * LanHAR's input preparation (spec §6.6): rotate each 20 Hz window so that gravity points along +Z, making windows
 * from differently worn or oriented devices comparable.
 *
 * <p>Gravity is estimated by a second-order Butterworth low-pass at {@value #CUTOFF_HZ} Hz (bilinear transform, as
 * {@code scipy.signal.butter(2, 0.3, fs=20)}) run forward and then backward over each accelerometer axis (zero
 * phase, like {@code filtfilt}); each pass starts in the filter's steady state for its first sample, so a constant
 * signal passes unchanged and no padding is invented. The window's gravity estimate is the mean of the low-passed
 * samples; the rotation taking its direction to +Z (Rodrigues' formula) is applied to every accelerometer and
 * gyroscope sample. One rotation per window, not per sample: the reference rotates whole windows, and a per-sample
 * rotation would turn slow body rotations into spurious signal. A window whose gravity estimate is (almost) zero
 * (an accelerometer without gravity, or zero padding) is left unrotated.
 *
 * <p>Stateless and thread-safe.
 */
public final class GravityAlignment {
    /** Low-pass cut-off of the gravity estimate. */
    public static final double CUTOFF_HZ = 0.3;
    /** Sampling rate of the baselines' windows (spec §6.1). */
    public static final double RATE_HZ = 20.0;
    /** Gravity estimates shorter than this (in the window's units) leave the window unrotated. */
    static final double MIN_GRAVITY = 1e-6;

    private GravityAlignment() {}

    /**
     * Butterworth second-order low-pass coefficients {@code {b0, b1, b2, a1, a2}} (with {@code a0 = 1}) for
     * {@code cutoffHz} at {@code rateHz}, by the bilinear transform with pre-warping.
     */
    public static double[] butterworth2(double cutoffHz, double rateHz) {
        if (!(cutoffHz > 0 && cutoffHz < rateHz / 2)) {
            throw new IllegalArgumentException("cut-off " + cutoffHz + " Hz must be in (0, " + rateHz / 2 + ") Hz");
        }
        double k = Math.tan(Math.PI * cutoffHz / rateHz);
        double q = Math.sqrt(2);
        double norm = 1 / (1 + q * k + k * k);
        double b0 = k * k * norm;
        return new double[] {b0, 2 * b0, b0, 2 * (k * k - 1) * norm, (1 - q * k + k * k) * norm};
    }

    /** The zero-phase low-pass of {@code x}: forward pass, then backward pass, each from its steady state. */
    public static double[] lowPass(double[] x, double cutoffHz, double rateHz) {
        double[] c = butterworth2(cutoffHz, rateHz);
        double[] forward = filter(c, x);
        double[] reversed = new double[x.length];
        for (int i = 0; i < x.length; i++) reversed[i] = forward[x.length - 1 - i];
        double[] back = filter(c, reversed);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) out[i] = back[x.length - 1 - i];
        return out;
    }

    /**
     * One causal pass of the biquad (transposed direct form II), its state set so that a constant input equal to
     * {@code x[0]} gives a constant output.
     */
    static double[] filter(double[] c, double[] x) {
        double[] y = new double[x.length];
        if (x.length == 0) return y;
        double b0 = c[0], b1 = c[1], b2 = c[2], a1 = c[3], a2 = c[4];
        // steady state of DF-II-T for input x0 and output x0 (unit DC gain): z2 = (b2 - a2)·x0, z1 = (b1 - a1)·x0 + z2
        double z2 = (b2 - a2) * x[0];
        double z1 = (b1 - a1) * x[0] + z2;
        for (int i = 0; i < x.length; i++) {
            double yi = b0 * x[i] + z1;
            z1 = b1 * x[i] - a1 * yi + z2;
            z2 = b2 * x[i] - a2 * yi;
            y[i] = yi;
        }
        return y;
    }

    /**
     * The rotation matrix (row-major 3×3) taking the direction of {@code g} to +Z by Rodrigues' formula
     * {@code R = I + [v]× + [v]×²·(1 − c)/s²} with {@code v = ĝ × ẑ}, {@code s = |v|}, {@code c = ĝ·ẑ}; gravity
     * already along +Z gives the identity, along −Z a half turn about X.
     *
     * @throws IllegalArgumentException if {@code g} is (almost) zero or not finite
     */
    public static double[][] rotationToZ(double[] g) {
        double n = Math.sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2]);
        if (!(n > MIN_GRAVITY) || !Double.isFinite(n)) {
            throw new IllegalArgumentException("gravity estimate (" + g[0] + ", " + g[1] + ", " + g[2]
                    + ") has no direction");
        }
        double ax = g[0] / n, ay = g[1] / n, az = g[2] / n;
        // v = a × (0, 0, 1) = (ay, -ax, 0)
        double vx = ay, vy = -ax;
        double s2 = vx * vx + vy * vy;
        double c = az;
        if (s2 < 1e-20) {
            return c > 0 ? new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}
                    : new double[][] {{1, 0, 0}, {0, -1, 0}, {0, 0, -1}};
        }
        double f = (1 - c) / s2;
        // [v]× with vz = 0: [[0, 0, vy], [0, 0, -vx], [-vy, vx, 0]]
        double[][] k = {{0, 0, vy}, {0, 0, -vx}, {-vy, vx, 0}};
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double kk = 0;
                for (int m = 0; m < 3; m++) kk += k[i][m] * k[m][j];
                r[i][j] = (i == j ? 1 : 0) + k[i][j] + kk * f;
            }
        }
        return r;
    }

    /**
     * Gravity-aligns one window {@code [t][6]} (acc x, y, z, gyro x, y, z at {@value #RATE_HZ} Hz); returns a new
     * array, the input is not modified.
     */
    public static float[][] align(float[][] window) {
        int t = window.length;
        if (t == 0) return new float[0][];
        for (int i = 0; i < t; i++) {
            if (window[i].length != 6) {
                throw new IllegalArgumentException("window row " + i + " has " + window[i].length
                        + " values, expected 6 (acc x,y,z, gyro x,y,z)");
            }
        }
        double[] g = new double[3];
        for (int axis = 0; axis < 3; axis++) {
            double[] x = new double[t];
            for (int i = 0; i < t; i++) x[i] = window[i][axis];
            double sum = 0;
            for (double v : lowPass(x, CUTOFF_HZ, RATE_HZ)) sum += v;
            g[axis] = sum / t;
        }
        float[][] out = new float[t][];
        double n = Math.sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2]);
        if (!(n > MIN_GRAVITY)) {
            for (int i = 0; i < t; i++) out[i] = window[i].clone();
            return out;
        }
        double[][] r = rotationToZ(g);
        for (int i = 0; i < t; i++) {
            float[] row = new float[6];
            for (int sensor = 0; sensor < 6; sensor += 3) {
                for (int a = 0; a < 3; a++) {
                    row[sensor + a] = (float) (r[a][0] * window[i][sensor] + r[a][1] * window[i][sensor + 1]
                            + r[a][2] * window[i][sensor + 2]);
                }
            }
            out[i] = row;
        }
        return out;
    }
}
