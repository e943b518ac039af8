package io.tsfm.core.preprocess;

import io.tsfm.core.annotation.PublicApi;

/**
 * One window after patch tokenisation: {@code numPatches × 64 × numChannels} normalised values, stored
 * flat in row-major order ({@code data[(p·64 + s)·C + c]}), the layout the model consumes.
 *
 * <p>Immutable by convention: callers must not write into {@link #data()}.
 *
 * @param data             the patches, length {@code numPatches·64·numChannels}
 * @param numPatches       P (after the cap)
 * @param numChannels      C
 * @param samplesPerPatch  n, raw samples per patch before resampling
 * @param rateHz           sampling rate of the raw window
 * @param patchSeconds     patch length in seconds
 * @param stats            per patch and channel the amplitude the z-score removed, {@code (P, C, 2)} row-major:
 *                         {@link Patcher#meanFeature(double)} of the mean and {@link Patcher#scaleFeature(double)}
 *                         of the standard deviation, in the channel's canonical units
 */
@PublicApi
public record PatchedWindow(float[] data, int numPatches, int numChannels, int samplesPerPatch,
                            double rateHz, double patchSeconds, float[] stats) {
    /** Values per patch and channel in {@link #stats()}. */
    public static final int STATS = 2;

    public PatchedWindow {
        if (numPatches < 1 || numChannels < 1) {
            throw new IllegalArgumentException("a patched window needs at least one patch and one channel, got "
                    + numPatches + " patches × " + numChannels + " channels");
        }
        long expected = (long) numPatches * PatchingConfig.STEPS * numChannels;
        if (data.length != expected) {
            throw new IllegalArgumentException("patch data has " + data.length + " values, expected "
                    + numPatches + "×" + PatchingConfig.STEPS + "×" + numChannels + " = " + expected);
        }
        if (stats.length != numPatches * numChannels * STATS) {
            throw new IllegalArgumentException("patch stats have " + stats.length + " values, expected "
                    + numPatches + "×" + numChannels + "×" + STATS);
        }
    }

    /** Points per patch (always {@link PatchingConfig#STEPS}). */
    public int steps() {
        return PatchingConfig.STEPS;
    }

    /** {@code {P, 64, C}}. */
    public long[] shape() {
        return new long[] {numPatches, PatchingConfig.STEPS, numChannels};
    }

    /** Value of patch {@code p}, step {@code s}, channel {@code c}. */
    public float get(int p, int s, int c) {
        return data[(p * PatchingConfig.STEPS + s) * numChannels + c];
    }
}
