package io.tsfm.core.preprocess;

import io.tsfm.core.annotation.PublicApi;
import io.tsfm.core.data.Session;
import java.util.Objects;

/**
 * Patch tokenisation of spec §2, the one implementation shared by training and serving: cut a raw window
 * into non-overlapping patches of {@code n = (int)(rate·patchSeconds)} samples, resample each patch and
 * channel to 64 points by linear interpolation with half-pixel centres (PyTorch
 * {@code interpolate(mode='linear', align_corners=False)}), z-score each patch and channel with the
 * population standard deviation floored at 1e-8, and keep the first {@code maxPatches} patches. The amplitude the
 * z-score removes (each patch and channel's mean and scale) is kept beside the patches as
 * {@link PatchedWindow#stats()}, for models that read it.
 *
 * <p>Arithmetic is done in double and rounded to float once at the end, so a constant channel gives
 * exactly zero and near-constant channels do not amplify rounding noise. Stateless and thread-safe.
 */
@PublicApi
public final class Patcher {
    private final PatchingConfig config;

    public Patcher(PatchingConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** A patcher with the reference settings. */
    public Patcher() {
        this(PatchingConfig.DEFAULT);
    }

    public PatchingConfig config() {
        return config;
    }

    /**
     * Samples per patch: the plain double product truncated toward zero, as Python's {@code int(r*p)}
     * (50·1.25 = 62.5 → 62; 25·1.5 = 37.5 → 37).
     */
    public static int samplesPerPatch(double rateHz, double patchSeconds) {
        if (!(rateHz > 0) || Double.isInfinite(rateHz)) {
            throw new IllegalArgumentException("sampling rate must be positive and finite, got " + rateHz);
        }
        if (!(patchSeconds > 0) || Double.isInfinite(patchSeconds)) {
            throw new IllegalArgumentException("patch length must be positive and finite seconds, got " + patchSeconds);
        }
        double product = rateHz * patchSeconds;
        if (product >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("patch of " + patchSeconds + " s at " + rateHz + " Hz is too long");
        }
        int n = (int) product;
        if (n < 1) {
            throw new IllegalArgumentException("patch of " + patchSeconds + " s at " + rateHz
                    + " Hz holds no whole sample (" + product + ")");
        }
        return n;
    }

    /**
     * Non-overlapping patches of {@code n} samples in {@code length} samples, before any cap:
     * {@code floor((T − n)/n) + 1}; trailing samples are dropped.
     *
     * @throws IllegalArgumentException if the patch is longer than the window
     */
    public static int numPatches(int length, int samplesPerPatch) {
        if (samplesPerPatch < 1) {
            throw new IllegalArgumentException("samples per patch must be at least 1, got " + samplesPerPatch);
        }
        if (samplesPerPatch > length) {
            throw new IllegalArgumentException("patch of " + samplesPerPatch + " samples is longer than the window of "
                    + length + " samples");
        }
        return (length - samplesPerPatch) / samplesPerPatch + 1;
    }

    /**
     * Resamples {@code n} values {@code src[offset + i·stride]} to {@code out.length} points by linear
     * interpolation with half-pixel centres: {@code x = (j + 0.5)·n/S − 0.5}, clamped at 0;
     * {@code i0 = floor(x)}, {@code i1 = min(i0 + 1, n − 1)}, {@code λ = x − i0}.
     */
    public static void interpolate(float[] src, int offset, int stride, int n, double[] out) {
        int steps = out.length;
        double scale = (double) n / steps;
        for (int j = 0; j < steps; j++) {
            double x = Math.max((j + 0.5) * scale - 0.5, 0.0);
            int i0 = (int) x;
            int i1 = Math.min(i0 + 1, n - 1);
            double lambda = x - i0;
            double a = src[offset + i0 * stride];
            double b = src[offset + i1 * stride];
            // a + λ(b − a) rather than (1−λ)a + λb: exact when a == b, so constant input stays constant
            out[j] = a + lambda * (b - a);
        }
    }

    /**
     * Z-scores {@code values} in place with the population standard deviation, floored at {@code stdFloor}.
     * Identical values give exactly zero.
     */
    public static void zscore(double[] values, double stdFloor) {
        zscore(values, stdFloor, null, 0);
    }

    /**
     * {@link #zscore(double[], double)} that also writes the amplitude it removes into {@code stats[at]} (mean
     * feature) and {@code stats[at + 1]} (scale feature of the population standard deviation before the floor),
     * from the same sums: one pass for both.
     */
    private static void zscore(double[] values, double stdFloor, float[] stats, int at) {
        int m = values.length;
        boolean constant = true;
        double sum = 0;
        for (double v : values) {
            sum += v;
            constant &= v == values[0];
        }
        double mean = sum / m;
        double ss = 0;
        for (double v : values) {
            double d = v - mean;
            ss += d * d;
        }
        double std = Math.sqrt(ss / m);
        if (stats != null) {
            stats[at] = (float) meanFeature(mean);
            stats[at + 1] = (float) scaleFeature(std);
        }
        if (constant) {
            java.util.Arrays.fill(values, 0.0);
            return;
        }
        std = Math.max(std, stdFloor);
        for (int i = 0; i < m; i++) {
            values[i] = (values[i] - mean) / std;
        }
    }

    /**
     * The patch mean as the network sees it: {@code sign(m)·ln(1 + |m|)}, so gravity (9.81 m/s² → 2.38) and rest
     * (0) stay apart while large values are compressed.
     */
    public static double meanFeature(double mean) {
        return Math.signum(mean) * Math.log1p(Math.abs(mean));
    }

    /**
     * The patch standard deviation as the network sees it: {@code ln(σ + 0.01)}; the offset keeps a still sensor's
     * noise floor (σ ≈ 0.01) and a constant channel (σ = 0 → −4.6) finite and close together.
     */
    public static double scaleFeature(double std) {
        return Math.log(std + 0.01);
    }

    /**
     * Patches one window.
     *
     * @param window       raw samples {@code [channel][t]}, all channels the same length, all finite
     * @param rateHz       sampling rate
     * @param patchSeconds patch length in seconds
     * @throws IllegalArgumentException on an empty or ragged window, a non-finite sample (named by channel
     *                                  and index), or a patch longer than the window
     */
    public PatchedWindow patch(float[][] window, double rateHz, double patchSeconds) {
        Objects.requireNonNull(window, "window");
        int channels = window.length;
        if (channels == 0) {
            throw new IllegalArgumentException("window has no channels");
        }
        int length = window[0].length;
        for (int c = 0; c < channels; c++) {
            if (window[c].length != length) {
                throw new IllegalArgumentException("channel " + c + " has " + window[c].length
                        + " samples but channel 0 has " + length);
            }
            for (int t = 0; t < length; t++) {
                if (!Float.isFinite(window[c][t])) {
                    throw new IllegalArgumentException("non-finite sample " + window[c][t] + " at channel " + c
                            + ", sample " + t + " (fill missing values before patching)");
                }
            }
        }
        int n = samplesPerPatch(rateHz, patchSeconds);
        if (n > length) {
            throw new IllegalArgumentException("patch of " + patchSeconds + " s at " + rateHz + " Hz = " + n
                    + " samples is longer than the window of " + length + " samples ("
                    + (length / rateHz) + " s)");
        }
        int patches = Math.min(numPatches(length, n), config.maxPatches());
        int steps = PatchingConfig.STEPS;
        float[] data = new float[patches * steps * channels];
        float[] stats = new float[patches * channels * PatchedWindow.STATS];
        double[] buf = new double[steps];
        for (int p = 0; p < patches; p++) {
            for (int c = 0; c < channels; c++) {
                interpolate(window[c], p * n, 1, n, buf);
                zscore(buf, config.stdFloor(), stats, (p * channels + c) * PatchedWindow.STATS);
                int base = p * steps * channels + c;
                for (int s = 0; s < steps; s++) {
                    data[base + s * channels] = (float) buf[s];
                }
            }
        }
        return new PatchedWindow(data, patches, channels, n, rateHz, patchSeconds, stats);
    }

    /**
     * Patches a whole session.
     *
     * @throws IllegalArgumentException as {@link #patch(float[][], double, double)}, with the session named
     */
    public PatchedWindow patch(Session session, double patchSeconds) {
        try {
            return patch(session.samples(), session.rateHz(), patchSeconds);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(session.dataset() + "/" + session.id() + ": " + e.getMessage(), e);
        }
    }
}
