package io.tsfm.core.preprocess;

import io.tsfm.core.annotation.Internal;

/**
 * The constant real-DFT basis of the spectral feature branch (spec §3.2): for a 64-point patch,
 * {@code Re = x·Ccos}, {@code Im = x·Csin} and {@code |X_k| = sqrt(Re² + Im²)} for the 33 bins of a
 * 64-point rFFT, with {@code Ccos[t,k] = cos(2πtk/64)} and {@code Csin[t,k] = sin(2πtk/64)}.
 * The DFT is written as a matmul because {@code rfft} does not export to ONNX; the DJL model and the
 * ONNX exporter both take the matrices from here so training and serving use identical constants.
 * ({@code Csin} has the opposite sign of the FFT's imaginary part; magnitudes are unaffected.)
 *
 * <p>Entries are computed in double from the angle reduced to the first quadrant, so the circle's symmetries
 * hold exactly (the sine column of the Nyquist bin is exactly zero); the float matrices are those doubles
 * rounded once. Immutable and thread-safe.
 */
@Internal
public final class SpectralBasis {
    /** Input points per patch (the FFT length). */
    public static final int STEPS = PatchingConfig.STEPS;
    /** Output bins of the real FFT: {@code STEPS/2 + 1}. */
    public static final int BINS = STEPS / 2 + 1;

    private static final double[] COS = new double[STEPS * BINS];
    private static final double[] SIN = new double[STEPS * BINS];

    static {
        for (int t = 0; t < STEPS; t++) {
            for (int k = 0; k < BINS; k++) {
                int m = (t * k) % STEPS;
                COS[t * BINS + k] = cosOfSteps(m);
                SIN[t * BINS + k] = cosOfSteps(m - STEPS / 4);
            }
        }
    }

    private SpectralBasis() {}

    /**
     * {@code cos(2π·m/64)} by reduction to the first quadrant, so the symmetries of the circle hold exactly
     * (cos(π/2) = 0, sin(π) = 0, |cos| equal at mirrored angles) instead of to within rounding.
     */
    private static double cosOfSteps(int m) {
        m = Math.floorMod(m, STEPS);
        if (m > STEPS / 2) m = STEPS - m;          // cos(2π − a) = cos(a)
        if (m > STEPS / 4) return -quadrant(STEPS / 2 - m); // cos(π − a) = −cos(a)
        return quadrant(m);
    }

    private static double quadrant(int m) {
        return m == STEPS / 4 ? 0.0 : Math.cos(2.0 * Math.PI * m / STEPS);
    }

    /** {@code cos(2π·t·k/64)}. */
    public static double cos(int t, int k) {
        return COS[t * BINS + k];
    }

    /** {@code sin(2π·t·k/64)}. */
    public static double sin(int t, int k) {
        return SIN[t * BINS + k];
    }

    /** A fresh copy of {@code Ccos} as float, shape {@code (64, 33)} row-major. */
    public static float[] cosMatrix() {
        return toFloat(COS);
    }

    /** A fresh copy of {@code Csin} as float, shape {@code (64, 33)} row-major. */
    public static float[] sinMatrix() {
        return toFloat(SIN);
    }

    /** {@code {64, 33}}. */
    public static long[] shape() {
        return new long[] {STEPS, BINS};
    }

    /**
     * The 33 DFT magnitudes of the 64 values {@code x[offset + t·stride]}, computed with the basis in double
     * (a reference for checking the model's matmul implementation).
     */
    public static double[] magnitudes(float[] x, int offset, int stride) {
        double[] out = new double[BINS];
        for (int k = 0; k < BINS; k++) {
            double re = 0;
            double im = 0;
            for (int t = 0; t < STEPS; t++) {
                double v = x[offset + t * stride];
                re += v * COS[t * BINS + k];
                im += v * SIN[t * BINS + k];
            }
            out[k] = Math.sqrt(re * re + im * im);
        }
        return out;
    }

    private static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
        return f;
    }
}
