package io.tsfm.core.window;

import io.tsfm.core.annotation.PublicApi;
import java.io.Serializable;

/**
 * The sliding event-time windows {@code [e - length, e)} whose ends {@code e} are the multiples of the hop since the
 * epoch, like Flink's sliding windows with offset 0, so every device, the edge client and every job run cut the same
 * windows. Times are microseconds; length and hop whole milliseconds, because Flink timers and watermarks are
 * milliseconds.
 *
 * <p>A window ending at {@code e} is complete once no frame starting before {@code e} can still come: in the job when
 * the watermark reaches {@code e_ms - 1} ({@link #timerFor}), as Flink fires its own windows at their max timestamp;
 * on a device, whose frames arrive in order, when a frame starting at or after {@code e} arrives. Immutable.
 *
 * @param lengthMicros window length
 * @param hopMicros    distance between window ends; at most the length
 */
@PublicApi
public record WindowGrid(long lengthMicros, long hopMicros) implements Serializable {

    public WindowGrid {
        if (lengthMicros <= 0 || lengthMicros % 1000 != 0) {
            throw new IllegalArgumentException("window length must be a positive whole number of ms, got "
                    + lengthMicros + " us");
        }
        if (hopMicros <= 0 || hopMicros % 1000 != 0 || hopMicros > lengthMicros) {
            throw new IllegalArgumentException("window hop must be a whole number of ms in (0, length "
                    + lengthMicros / 1000 + " ms], got " + hopMicros + " us");
        }
    }

    /** A grid from lengths in milliseconds. */
    public static WindowGrid ofMillis(long lengthMillis, long hopMillis) {
        return new WindowGrid(Math.multiplyExact(lengthMillis, 1000L), Math.multiplyExact(hopMillis, 1000L));
    }

    /** End of the first window that overlaps a frame starting at {@code startMicros}: the first grid end after it. */
    public long firstEnd(long startMicros) {
        return Math.floorDiv(startMicros, hopMicros) * hopMicros + hopMicros;
    }

    /** End of the last window that overlaps a frame ending (exclusively) at {@code endMicros}. */
    public long lastEnd(long endMicros) {
        // largest grid end e with e - length < endMicros
        return Math.floorDiv(endMicros + lengthMicros - 1, hopMicros) * hopMicros;
    }

    /** Start of the window ending at {@code endMicros}. */
    public long startOf(long endMicros) {
        return endMicros - lengthMicros;
    }

    /** The event-time timer (ms) at which the window ending at {@code endMicros} is complete. */
    public long timerFor(long endMicros) {
        return endMicros / 1000 - 1;
    }

    /** The window end (µs) a timer from {@link #timerFor} stands for. */
    public long endForTimer(long timerMillis) {
        return (timerMillis + 1) * 1000;
    }

    /** Frames ending at or before this can serve no window after the one ending at {@code endMicros}. */
    public long pruneBefore(long endMicros) {
        return endMicros + hopMicros - lengthMicros;
    }
}
