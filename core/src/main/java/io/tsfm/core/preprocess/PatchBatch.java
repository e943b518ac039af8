package io.tsfm.core.preprocess;

import io.tsfm.core.annotation.Internal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A batch of patched windows padded with zeros to the batch's largest patch and channel counts (spec §1.4,
 * batch collation): {@code patches (B, P, 64, C)} flat row-major, {@code patchMask (B, P)} and
 * {@code channelMask (B, C)} flat row-major with {@code true} = real. Channel descriptions of padded
 * channels are {@link ChannelDescriptions#PAD}.
 *
 * <p>Immutable by convention: callers must not write into the returned arrays.
 */
@Internal
public final class PatchBatch {
    private final int batchSize;
    private final int maxPatches;
    private final int maxChannels;
    private final float[] patches;
    private final boolean[] patchMask;
    private final boolean[] channelMask;
    private final float[] patchStats;
    private final List<List<String>> channelDescriptions;

    private PatchBatch(int batchSize, int maxPatches, int maxChannels, float[] patches, boolean[] patchMask,
                       boolean[] channelMask, float[] patchStats, List<List<String>> channelDescriptions) {
        this.batchSize = batchSize;
        this.maxPatches = maxPatches;
        this.maxChannels = maxChannels;
        this.patches = patches;
        this.patchMask = patchMask;
        this.channelMask = channelMask;
        this.patchStats = patchStats;
        this.channelDescriptions = channelDescriptions;
    }

    /** Collates windows without channel descriptions ({@link #channelDescriptions()} is empty). */
    public static PatchBatch collate(List<PatchedWindow> windows) {
        return collate(windows, null);
    }

    /**
     * Collates windows and their channel description strings.
     *
     * @param windows      at least one window
     * @param descriptions one list per window with one string per channel, or {@code null} for none
     * @throws IllegalArgumentException on an empty batch or a description list whose size does not match
     *                                  its window's channel count
     */
    public static PatchBatch collate(List<PatchedWindow> windows, List<List<String>> descriptions) {
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("cannot collate an empty batch");
        }
        if (descriptions != null && descriptions.size() != windows.size()) {
            throw new IllegalArgumentException(windows.size() + " windows but " + descriptions.size()
                    + " channel description lists");
        }
        int b = windows.size();
        int maxP = 0;
        int maxC = 0;
        for (PatchedWindow w : windows) {
            maxP = Math.max(maxP, w.numPatches());
            maxC = Math.max(maxC, w.numChannels());
        }
        int steps = PatchingConfig.STEPS;
        float[] out = new float[b * maxP * steps * maxC];
        boolean[] pm = new boolean[b * maxP];
        boolean[] cm = new boolean[b * maxC];
        int k = PatchedWindow.STATS;
        float[] stats = new float[b * maxP * maxC * k];
        List<List<String>> desc = new ArrayList<>(descriptions == null ? 0 : b);
        for (int i = 0; i < b; i++) {
            PatchedWindow w = windows.get(i);
            int p = w.numPatches();
            int c = w.numChannels();
            float[] src = w.data();
            for (int pi = 0; pi < p; pi++) {
                for (int s = 0; s < steps; s++) {
                    System.arraycopy(src, (pi * steps + s) * c, out, ((i * maxP + pi) * steps + s) * maxC, c);
                }
                pm[i * maxP + pi] = true;
                System.arraycopy(w.stats(), pi * c * k, stats, (i * maxP + pi) * maxC * k, c * k);
            }
            for (int ci = 0; ci < c; ci++) {
                cm[i * maxC + ci] = true;
            }
            if (descriptions != null) {
                List<String> d = descriptions.get(i);
                if (d.size() != c) {
                    throw new IllegalArgumentException("batch item " + i + ": " + c + " channels but "
                            + d.size() + " channel descriptions");
                }
                desc.add(ChannelDescriptions.padTo(d, maxC));
            }
        }
        return new PatchBatch(b, maxP, maxC, out, pm, cm, stats, Collections.unmodifiableList(desc));
    }

    /** B. */
    public int batchSize() { return batchSize; }

    /** P, the largest patch count in the batch. */
    public int maxPatches() { return maxPatches; }

    /** C, the largest channel count in the batch. */
    public int maxChannels() { return maxChannels; }

    /** {@code (B, P, 64, C)} row-major; padding is zero. */
    public float[] patches() { return patches; }

    /** {@code (B, P)} row-major, {@code true} for a real patch. */
    public boolean[] patchMask() { return patchMask; }

    /** {@code (B, C)} row-major, {@code true} for a real channel. */
    public boolean[] channelMask() { return channelMask; }

    /** {@code (B, P, C, 2)} row-major, each window's {@link PatchedWindow#stats()}; padding is zero. */
    public float[] patchStats() { return patchStats; }

    /** {@code {B, P, C, 2}}. */
    public long[] patchStatsShape() {
        return new long[] {batchSize, maxPatches, maxChannels, PatchedWindow.STATS};
    }

    /** Per batch item, C strings (padded channels are {@code "[PAD]"}); empty if none were given. */
    public List<List<String>> channelDescriptions() { return channelDescriptions; }

    /** {@code {B, P, 64, C}}. */
    public long[] patchesShape() {
        return new long[] {batchSize, maxPatches, PatchingConfig.STEPS, maxChannels};
    }

    /** Whether patch {@code p} of item {@code b} is real. */
    public boolean isRealPatch(int b, int p) {
        return patchMask[b * maxPatches + p];
    }

    /** Whether channel {@code c} of item {@code b} is real. */
    public boolean isRealChannel(int b, int c) {
        return channelMask[b * maxChannels + c];
    }

    /** Value at item {@code b}, patch {@code p}, step {@code s}, channel {@code c}. */
    public float get(int b, int p, int s, int c) {
        return patches[((b * maxPatches + p) * PatchingConfig.STEPS + s) * maxChannels + c];
    }
}
