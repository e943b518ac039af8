package io.tsfm.edge.source;

import io.tsfm.core.annotation.PublicApi;
import java.util.concurrent.TimeUnit;

/**
 * Holds a replay back to the pace of its event times: real time ({@code speed} 1), accelerated by a factor, or not
 * at all. The first event time seen is anchored to the wall clock of that moment; every later event waits until
 * {@code anchorWall + (event - anchorEvent) / speed}. Being late never accumulates into a later burst beyond the
 * backlog itself.
 *
 * <p>Not thread-safe: one per replay loop.
 */
@PublicApi
public final class Pacer {
    private final double speed;
    private long anchorEventMicros;
    private long anchorNanos;
    private boolean anchored;

    private Pacer(double speed) {
        this.speed = speed;
    }

    /** Event time runs as fast as the wall clock. */
    public static Pacer realTime() {
        return new Pacer(1.0);
    }

    /**
     * Event time runs {@code speed} times faster than the wall clock; 0 means no pacing at all.
     *
     * @throws IllegalArgumentException for a negative or non-finite speed
     */
    public static Pacer of(double speed) {
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("replay speed must be a finite number >= 0 (0 = as fast as possible), got " + speed);
        }
        return new Pacer(speed);
    }

    /** No waiting: events are handed on as fast as they are produced. */
    public static Pacer unpaced() {
        return new Pacer(0);
    }

    /** The speed factor; 0 when unpaced. */
    public double speed() {
        return speed;
    }

    /** Blocks until the wall clock reaches the moment of {@code eventMicros}. */
    public void awaitEventTime(long eventMicros) throws InterruptedException {
        if (speed == 0) return;
        if (!anchored) {
            anchored = true;
            anchorEventMicros = eventMicros;
            anchorNanos = System.nanoTime();
            return;
        }
        long due = anchorNanos + (long) ((eventMicros - anchorEventMicros) * 1000.0 / speed);
        long wait = due - System.nanoTime();
        if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
    }
}
