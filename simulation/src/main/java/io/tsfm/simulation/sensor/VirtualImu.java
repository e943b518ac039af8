package io.tsfm.simulation.sensor;

import io.tsfm.simulation.skeleton.Rot;
import java.util.Random;

/**
 * An ideal IMU rigidly attached to a moving body, and the steps that turn its trajectory into samples a phone
 * would record.
 *
 * <p>Physics (Z-up world, gravity g = (0, 0, −9.81) m/s²): the accelerometer measures specific force in its own
 * frame, {@code a = R_sᵀ (p̈ − g)}, so a sensor at rest reads +9.81 m/s² along whichever of its axes points up;
 * the gyroscope measures the angular velocity of its frame in its frame, from consecutive orientations:
 * {@code ω_t = log(R_{t−1}ᵀ R_{t+1}) · fps / 2} (central difference; one-sided at the ends). Positions and
 * orientations (as sign-continuous quaternions) are smoothed with a zero-phase low-pass first, because
 * differentiating twice amplifies marker jitter by fps².
 */
public final class VirtualImu {
    /** Standard gravity, m/s². */
    public static final double G = 9.81;
    /** Low-pass cut-off applied to positions and orientations before differentiating, Hz. */
    public static final double SMOOTHING_CUTOFF_HZ = 8.0;
    /** Output rates real devices use, highest first; a clip gets the first not above its capture rate. */
    static final double[] OUTPUT_RATES = {50, 30, 25, 20};

    private VirtualImu() {}

    /**
     * Sensor pose over time.
     *
     * @param pos {@code [t]} world position (m)
     * @param rot {@code [t]} sensor-to-world rotation (columns: the sensor axes in world coordinates)
     * @param fps samples per second
     */
    public record Trajectory(double[][] pos, double[][] rot, double fps) {
        public int length() {
            return pos.length;
        }
    }

    /**
     * Ideal readings at the trajectory's rate: rows acc x, y, z (m/s²), gyro x, y, z (rad/s).
     *
     * @param cutoffHz smoothing cut-off; 0 or less: no smoothing (for exact synthetic motion)
     */
    public static double[][] ideal(Trajectory t, double cutoffHz) {
        return ideal(t, cutoffHz, G);
    }

    /**
     * As {@link #ideal(Trajectory, double)} with gravity of {@code gravity} m/s²; 0 gives the gravity-free "user" or
     * "linear" acceleration that phone APIs (e.g. Core Motion's userAcceleration) report.
     */
    public static double[][] ideal(Trajectory t, double cutoffHz, double gravity) {
        int n = t.length();
        if (n < 3) throw new IllegalArgumentException("a trajectory needs at least 3 samples, got " + n);
        double fps = t.fps();
        double[][] p = new double[3][n];
        double[][] q = new double[4][n];
        double[] prev = null;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) p[c][i] = t.pos()[i][c];
            double[] qi = Rot.toQuat(t.rot()[i]);
            // q and −q are the same rotation: keep the sign continuous so that filtering averages neighbours
            if (prev != null && qi[0] * prev[0] + qi[1] * prev[1] + qi[2] * prev[2] + qi[3] * prev[3] < 0) {
                for (int c = 0; c < 4; c++) qi[c] = -qi[c];
            }
            for (int c = 0; c < 4; c++) q[c][i] = qi[c];
            prev = qi;
        }
        if (cutoffHz > 0) {
            for (int c = 0; c < 3; c++) p[c] = Filters.lowPass(p[c], fps, cutoffHz);
            for (int c = 0; c < 4; c++) q[c] = Filters.lowPass(q[c], fps, cutoffHz);
        }
        double[][] r = new double[n][];
        for (int i = 0; i < n; i++) r[i] = Rot.fromQuat(new double[] {q[0][i], q[1][i], q[2][i], q[3][i]});
        double[][] out = new double[6][n];
        double f2 = fps * fps;
        for (int i = 0; i < n; i++) {
            int c = Math.min(Math.max(i, 1), n - 2); // the ends take their neighbour's second difference
            double[] a = new double[3];
            for (int k = 0; k < 3; k++) a[k] = (p[k][c + 1] - 2 * p[k][c] + p[k][c - 1]) * f2;
            a[2] += gravity; // p̈ − g with g = (0, 0, −gravity)
            double[] s = Rot.applyTranspose(r[i], a);
            int lo = Math.max(i - 1, 0), hi = Math.min(i + 1, n - 1);
            double[] w = Rot.log(Rot.mulTransposeA(r[lo], r[hi]));
            double scale = fps / (hi - lo);
            for (int k = 0; k < 3; k++) {
                out[k][i] = s[k];
                out[3 + k][i] = w[k] * scale;
            }
        }
        return out;
    }

    /** The output rate for a capture rate: 50 Hz when the capture is at least 50 fps, else 30, 25 or 20 Hz. */
    public static double outputRate(double fps) {
        for (double r : OUTPUT_RATES) {
            if (r <= fps * 1.005) return r; // 1.005: headers like 0.0333333 s state 30.00003 or 29.99997 fps
        }
        throw new IllegalArgumentException("capture rate " + fps + " fps is below the lowest output rate 20 Hz");
    }

    /**
     * Linear interpolation from {@code fromHz} to {@code toHz} over the same time span. The input is already
     * low-passed at {@link #SMOOTHING_CUTOFF_HZ}, below half of every output rate, so interpolation does not alias.
     */
    public static double[][] resample(double[][] x, double fromHz, double toHz) {
        int n = x[0].length;
        double duration = (n - 1) / fromHz;
        int m = (int) Math.floor(duration * toHz + 1e-9) + 1;
        double[][] out = new double[x.length][m];
        for (int i = 0; i < m; i++) {
            double pos = i * fromHz / toHz;
            int a = Math.min((int) Math.floor(pos), n - 1);
            int b = Math.min(a + 1, n - 1);
            double w = pos - a;
            for (int c = 0; c < x.length; c++) out[c][i] = x[c][a] * (1 - w) + x[c][b] * w;
        }
        return out;
    }

    /**
     * Phone-grade sensor errors: per session, a constant bias per axis drawn uniformly from ±bias, and white
     * Gaussian noise whose standard deviation is drawn once per session from [min, max].
     *
     * @param accNoiseMin  accelerometer noise σ lower bound, m/s²
     * @param accNoiseMax  accelerometer noise σ upper bound, m/s²
     * @param accBias      accelerometer bias bound, m/s²
     * @param gyroNoiseMin gyroscope noise σ lower bound, rad/s
     * @param gyroNoiseMax gyroscope noise σ upper bound, rad/s
     * @param gyroBias     gyroscope bias bound, rad/s
     */
    public record Noise(double accNoiseMin, double accNoiseMax, double accBias,
                        double gyroNoiseMin, double gyroNoiseMax, double gyroBias) {
        /** Typical smartphone MEMS figures: acc σ 0.02–0.05 m/s², bias ±0.1 m/s²; gyro σ 0.004–0.006 rad/s, bias ±0.01 rad/s. */
        public static final Noise PHONE = new Noise(0.02, 0.05, 0.1, 0.004, 0.006, 0.01);
        /** No errors at all. */
        public static final Noise NONE = new Noise(0, 0, 0, 0, 0, 0);

        /** Rows acc x, y, z, gyro x, y, z with noise and bias added, as floats. */
        public float[][] apply(double[][] x, Random rng) {
            float[][] out = new float[6][];
            double accSigma = accNoiseMin + (accNoiseMax - accNoiseMin) * rng.nextDouble();
            double gyroSigma = gyroNoiseMin + (gyroNoiseMax - gyroNoiseMin) * rng.nextDouble();
            for (int c = 0; c < 6; c++) {
                boolean acc = c < 3;
                double bias = (acc ? accBias : gyroBias) * (2 * rng.nextDouble() - 1);
                double sigma = acc ? accSigma : gyroSigma;
                out[c] = new float[x[c].length];
                for (int i = 0; i < x[c].length; i++) out[c][i] = (float) (x[c][i] + bias + sigma * rng.nextGaussian());
            }
            return out;
        }
    }
}
