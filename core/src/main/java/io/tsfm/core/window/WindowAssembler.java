package io.tsfm.core.window;

import io.tsfm.core.annotation.PublicApi;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Builds one fixed-length window of samples from the frames that overlap it: the single windowing rule
 * of the streaming job and the edge client, so both cut identical windows from identical frames.
 *
 * <p>Each sample is placed on the window's grid of {@code round(windowSeconds × rate)} slots by its event
 * time, rounded to the nearest slot; this absorbs clock jitter below half a sample period, and makes
 * out-of-order arrival irrelevant. Frames with a sequence number already seen are duplicates and ignored
 * (first arrival wins). Slots no sample reached are gaps: interior and edge gaps up to
 * {@code maxGapSeconds} are filled by linear interpolation (edges by the nearest sample); a window with a
 * longer gap, or less than {@code minCoverage} of its slots filled, is rejected with the reason and its
 * {@link WindowRejection kind}; so is a window whose frames change channel layout ({@link #layoutChange}).
 * Immutable and thread-safe.
 */
@PublicApi
public final class WindowAssembler {
    private final double windowSeconds;
    private final double maxGapSeconds;
    private final double minCoverage;

    /**
     * @param windowSeconds window length
     * @param maxGapSeconds longest run of missing samples that is interpolated
     * @param minCoverage   smallest fraction of slots that must hold a real sample
     */
    public WindowAssembler(double windowSeconds, double maxGapSeconds, double minCoverage) {
        if (!(windowSeconds > 0)) throw new IllegalArgumentException("window length must be positive: " + windowSeconds);
        if (maxGapSeconds < 0) throw new IllegalArgumentException("max gap must be >= 0: " + maxGapSeconds);
        if (!(minCoverage > 0 && minCoverage <= 1)) throw new IllegalArgumentException("min coverage must be in (0,1]: " + minCoverage);
        this.windowSeconds = windowSeconds;
        this.maxGapSeconds = maxGapSeconds;
        this.minCoverage = minCoverage;
    }

    /**
     * Outcome of assembling one window: the samples, or why there are none.
     *
     * @param rejectionKind null when assembled, else the kind of {@code rejection}
     * @param rejection     null when assembled, else the reason in words
     */
    public record Result(float[][] samples, double rateHz, int filledSlots, int duplicateFrames,
                         WindowRejection rejectionKind, String rejection) {
        public boolean ok() {
            return rejection == null;
        }

        static Result rejected(double rateHz, int filledSlots, int duplicateFrames, WindowRejection kind, String why) {
            return new Result(null, rateHz, filledSlots, duplicateFrames, kind, why);
        }
    }

    /**
     * The layout rule of both windowers, applied before {@link #assemble}: every frame of a window follows the channel
     * layout of the first one (in the order given), else the window is rejected ({@link WindowRejection#LAYOUT_CHANGED})
     * naming the first frame that differs.
     *
     * @param frames   the window's frames, in the order the windower holds them
     * @param layoutId a frame's layout id
     * @param sequence a frame's sequence number
     * @return null when one layout holds throughout, else the rejection
     */
    public static <F> Result layoutChange(List<F> frames, Function<? super F, String> layoutId,
                                          ToLongFunction<? super F> sequence) {
        String first = frames.isEmpty() ? null : layoutId.apply(frames.get(0));
        for (F f : frames) {
            String id = layoutId.apply(f);
            if (!id.equals(first)) {
                return Result.rejected(0, 0, 0, WindowRejection.LAYOUT_CHANGED, "layout changed inside the window: '"
                        + first + "' then '" + id + "' (frame " + sequence.applyAsLong(f) + ")");
            }
        }
        return null;
    }

    /**
     * Assembles the window {@code [startMicros, startMicros + windowSeconds)}.
     *
     * @param frames frames of one device in any order (may include frames outside the window and duplicates)
     */
    public Result assemble(List<SampleFrame> frames, long startMicros) {
        if (frames.isEmpty()) return Result.rejected(0, 0, 0, WindowRejection.NO_FRAMES, "no frames");
        List<SampleFrame> sorted = new ArrayList<>(frames);
        sorted.sort(Comparator.comparingLong(SampleFrame::sequence));
        double rate = sorted.get(0).rateHz();
        int channels = sorted.get(0).numChannels();
        int slots = (int) Math.round(windowSeconds * rate);
        float[][] out = new float[channels][slots];
        boolean[] filled = new boolean[slots];
        Set<Long> seen = new HashSet<>();
        int duplicates = 0;
        int count = 0;
        for (SampleFrame f : sorted) {
            if (!seen.add(f.sequence())) {
                duplicates++;
                continue;
            }
            if (f.rateHz() != rate) {
                return Result.rejected(rate, 0, duplicates, WindowRejection.RATE_CHANGED, "rate changed inside the window: " + rate + " Hz then "
                        + f.rateHz() + " Hz (frame " + f.sequence() + ")");
            }
            if (f.numChannels() != channels) {
                return Result.rejected(rate, 0, duplicates, WindowRejection.CHANNELS_CHANGED, "channel count changed inside the window: " + channels
                        + " then " + f.numChannels() + " (frame " + f.sequence() + ")");
            }
            double offsetSlots = (f.startMicros() - startMicros) * rate / 1e6;
            for (int i = 0; i < f.length(); i++) {
                long slot = Math.round(offsetSlots + i);
                if (slot < 0 || slot >= slots || filled[(int) slot]) continue;
                int s = (int) slot;
                for (int c = 0; c < channels; c++) out[c][s] = f.samples()[c][i];
                filled[s] = true;
                count++;
            }
        }
        if (count < minCoverage * slots) {
            return Result.rejected(rate, count, duplicates, WindowRejection.COVERAGE, String.format(java.util.Locale.ROOT,
                    "only %d of %d samples present (%.0f%% < %.0f%% coverage)", count, slots, 100.0 * count / slots, 100 * minCoverage));
        }
        String gap = fillGaps(out, filled, (int) Math.floor(maxGapSeconds * rate + 1e-9));
        if (gap != null) return Result.rejected(rate, count, duplicates, WindowRejection.GAP, gap);
        return new Result(out, rate, count, duplicates, null, null);
    }

    private static String fillGaps(float[][] out, boolean[] filled, int maxGap) {
        int n = filled.length;
        int t = 0;
        while (t < n) {
            if (filled[t]) { t++; continue; }
            int from = t;
            while (t < n && !filled[t]) t++;
            int len = t - from;
            if (len > maxGap) {
                return "gap of " + len + " missing samples at slot " + from + " exceeds the " + maxGap + "-sample limit";
            }
            for (float[] ch : out) {
                if (from == 0) {
                    Arrays.fill(ch, 0, t, ch[t]);
                } else if (t == n) {
                    Arrays.fill(ch, from, n, ch[from - 1]);
                } else {
                    float a = ch[from - 1];
                    float b = ch[t];
                    for (int i = from; i < t; i++) ch[i] = a + (b - a) * (i - from + 1) / (len + 1);
                }
            }
        }
        return null;
    }
}
