package io.tsfm.training.model;

import io.tsfm.training.model.config.TsfmConfig;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The forward inputs of {@link TsfmModel}, in NDList order:
 * <ol start="0">
 *   <li>{@code patches (B, P, S, C)} float32 — z-scored, resampled patches (spec §2);</li>
 *   <li>{@code patch_mask (B, P)} boolean — true for real patches (padding only at the end of a window);</li>
 *   <li>{@code channel_mask (B, C)} boolean — true for real channels;</li>
 *   <li>{@code channel_tokens (U, K, T_d)} float32 — frozen token states of the U unique channel descriptions;</li>
 *   <li>{@code channel_token_mask (U, K)} boolean;</li>
 *   <li>{@code channel_index (B, C)} int64 — row of 3/4 describing each channel (padded channels may point at a
 *       {@code "[PAD]"} row or any row: their outputs are never used).</li>
 * </ol>
 * Inputs 3–5 are required only when ChannelTextFusion is enabled. Amplitude-aware models
 * ({@link TsfmConfig#isUseAmplitudeStats()}) take one more, last: {@code patch_stats (B, P, C, 2)} float32.
 * Immutable holder; the arrays are not copied or owned.
 */
public final class TsfmInputs {

    private final NDArray patches;
    private final NDArray patchMask;
    private final NDArray channelMask;
    private final NDArray channelTokens;
    private final NDArray channelTokenMask;
    private final NDArray channelIndex;
    private final NDArray patchStats;

    private TsfmInputs(NDArray patches, NDArray patchMask, NDArray channelMask, NDArray channelTokens,
                       NDArray channelTokenMask, NDArray channelIndex, NDArray patchStats) {
        this.patchStats = patchStats;
        this.patches = patches;
        this.patchMask = patchMask;
        this.channelMask = channelMask;
        this.channelTokens = channelTokens;
        this.channelTokenMask = channelTokenMask;
        this.channelIndex = channelIndex;
    }

    /** Inputs with channel text (all six arrays). */
    public static TsfmInputs of(NDArray patches, NDArray patchMask, NDArray channelMask, NDArray channelTokens,
                                NDArray channelTokenMask, NDArray channelIndex) {
        return new TsfmInputs(patches, patchMask, channelMask, channelTokens, channelTokenMask, channelIndex, null);
    }

    /** These inputs plus the amplitude features {@code (B, P, C, 2)} of amplitude-aware models. */
    public TsfmInputs withPatchStats(NDArray stats) {
        return new TsfmInputs(patches, patchMask, channelMask, channelTokens, channelTokenMask, channelIndex, stats);
    }

    /** Inputs for a model without ChannelTextFusion. */
    public static TsfmInputs withoutText(NDArray patches, NDArray patchMask, NDArray channelMask) {
        return new TsfmInputs(patches, patchMask, channelMask, null, null, null, null);
    }

    /** Reads inputs from NDList order (see class comment); 3 or 6 arrays, plus {@code patch_stats} last: 4 or 7. */
    public static TsfmInputs from(NDList list) {
        switch (list.size()) {
            case 3: return withoutText(list.get(0), list.get(1), list.get(2));
            case 4: return withoutText(list.get(0), list.get(1), list.get(2)).withPatchStats(list.get(3));
            case 6: return of(list.get(0), list.get(1), list.get(2), list.get(3), list.get(4), list.get(5));
            case 7: return of(list.get(0), list.get(1), list.get(2), list.get(3), list.get(4), list.get(5))
                    .withPatchStats(list.get(6));
            default:
                throw new IllegalArgumentException("TSFM model expects 6 inputs (patches, patch_mask, channel_mask, "
                        + "channel_tokens, channel_token_mask, channel_index) or the first 3, each optionally followed "
                        + "by patch_stats, got " + list.size());
        }
    }

    /** Whether an NDList of {@code size} arrays holds the model inputs (3, 4, 6 or 7; see {@link #from(NDList)}). */
    public static boolean isInputCount(int size) {
        return size == 3 || size == 4 || size == 6 || size == 7;
    }

    /** The inputs in NDList order. */
    public NDList toNDList() {
        NDList list = new NDList(patches, patchMask, channelMask);
        if (hasText()) {
            list.add(channelTokens);
            list.add(channelTokenMask);
            list.add(channelIndex);
        }
        if (patchStats != null) list.add(patchStats);
        return list;
    }

    /** Whether the channel-text inputs are present. */
    public boolean hasText() {
        return channelTokens != null;
    }

    /** {@code (B, P, S, C)} patches. */
    public NDArray patches() {
        return patches;
    }

    /** {@code (B, P)} patch mask. */
    public NDArray patchMask() {
        return patchMask;
    }

    /** {@code (B, C)} channel mask. */
    public NDArray channelMask() {
        return channelMask;
    }

    /** {@code (U, K, T_d)} channel-description token states, or null. */
    public NDArray channelTokens() {
        return channelTokens;
    }

    /** {@code (B, P, C, 2)} amplitude features, or null. */
    public NDArray patchStats() {
        return patchStats;
    }

    /** {@code (U, K)} token mask, or null. */
    public NDArray channelTokenMask() {
        return channelTokenMask;
    }

    /** {@code (B, C)} unique-row index per channel, or null. */
    public NDArray channelIndex() {
        return channelIndex;
    }

    /**
     * Checks shapes, dtypes and contents against a configuration: every sample needs a real patch and a real channel,
     * and every channel index must address a token row.
     *
     * @throws IllegalArgumentException naming the input (and sample/channel) at fault
     */
    public void validate(TsfmConfig config) {
        Shape ps = patches.getShape();
        require(patches, "patches", DataType.FLOAT32, 4);
        if (ps.get(2) != config.getTargetPatchSize()) {
            throw new IllegalArgumentException("patches must be (B, P, " + config.getTargetPatchSize()
                    + ", C), got " + ps);
        }
        long b = ps.get(0);
        long p = ps.get(1);
        long c = ps.get(3);
        if (b == 0 || p == 0 || c == 0) {
            throw new IllegalArgumentException("patches must have at least one sample, patch and channel, got " + ps);
        }
        if (p > config.getMaxPatches()) {
            throw new IllegalArgumentException(p + " patches exceed max_patches " + config.getMaxPatches());
        }
        require(patchMask, "patch_mask", DataType.BOOLEAN, 2);
        require(channelMask, "channel_mask", DataType.BOOLEAN, 2);
        expectShape("patch_mask", patchMask, new Shape(b, p));
        expectShape("channel_mask", channelMask, new Shape(b, c));
        requireEachRow("patch_mask", "patch", patchMask.toBooleanArray(), b, p);
        requireEachRow("channel_mask", "channel", channelMask.toBooleanArray(), b, c);
        if (config.isUseAmplitudeStats()) {
            require(patchStats, "patch_stats", DataType.FLOAT32, 4);
            expectShape("patch_stats", patchStats, new Shape(b, p, c, 2));
        }
        if (!config.isUseChannelTextFusion()) {
            return;
        }
        if (!hasText()) {
            throw new IllegalArgumentException("ChannelTextFusion is enabled: channel_tokens, channel_token_mask and "
                    + "channel_index are required");
        }
        require(channelTokens, "channel_tokens", DataType.FLOAT32, 3);
        require(channelTokenMask, "channel_token_mask", DataType.BOOLEAN, 2);
        require(channelIndex, "channel_index", DataType.INT64, 2);
        Shape ts = channelTokens.getShape();
        if (ts.get(2) != config.getContrastiveTextDim()) {
            throw new IllegalArgumentException("channel_tokens must be (U, K, " + config.getContrastiveTextDim()
                    + "), got " + ts);
        }
        expectShape("channel_token_mask", channelTokenMask, new Shape(ts.get(0), ts.get(1)));
        expectShape("channel_index", channelIndex, new Shape(b, c));
        long[] index = channelIndex.toLongArray();
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= ts.get(0)) {
                throw new IllegalArgumentException("channel_index[" + (i / c) + "][" + (i % c) + "] = " + index[i]
                        + " is outside the " + ts.get(0) + " channel-token rows");
            }
        }
    }

    private static void require(NDArray a, String name, DataType type, int rank) {
        if (a == null) {
            throw new IllegalArgumentException(name + " is missing");
        }
        if (a.getDataType() != type || a.getShape().dimension() != rank) {
            throw new IllegalArgumentException(name + " must be a rank-" + rank + " " + type + " array, got "
                    + a.getDataType() + " " + a.getShape());
        }
    }

    private static void expectShape(String name, NDArray a, Shape expected) {
        if (!a.getShape().equals(expected)) {
            throw new IllegalArgumentException(name + " must have shape " + expected + ", got " + a.getShape());
        }
    }

    private static void requireEachRow(String name, String what, boolean[] mask, long rows, long cols) {
        for (int r = 0; r < rows; r++) {
            boolean any = false;
            for (int j = 0; j < cols && !any; j++) {
                any = mask[(int) (r * cols + j)];
            }
            if (!any) {
                throw new IllegalArgumentException(name + ": sample " + r + " has no real " + what);
            }
        }
    }
}
