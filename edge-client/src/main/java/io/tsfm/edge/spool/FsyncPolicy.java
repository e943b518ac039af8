package io.tsfm.edge.spool;

import io.tsfm.core.annotation.PublicApi;
import java.time.Duration;
import java.util.Objects;

/**
 * When a {@link Spool} forces appended records to the storage device. Segment rolls, acknowledgements and
 * {@link Spool#close()} always force, whatever the policy.
 */
@PublicApi
public final class FsyncPolicy {
    private final Duration interval;

    private FsyncPolicy(Duration interval) {
        this.interval = interval;
    }

    /** Force after every append: no acknowledged append is lost on power failure; slowest. */
    public static FsyncPolicy everyRecord() {
        return new FsyncPolicy(Duration.ZERO);
    }

    /**
     * Force at most {@code interval} after an append (a background thread flushes a quiet spool): on power
     * failure up to that much recent data can be lost, and recovery cuts the torn tail. A killed process loses
     * nothing either way, because written data sits in the OS page cache.
     */
    public static FsyncPolicy interval(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("fsync interval must be positive, got " + interval);
        }
        return new FsyncPolicy(interval);
    }

    public boolean isEveryRecord() {
        return interval.isZero();
    }

    /** The flush interval; zero for {@link #everyRecord()}. */
    public Duration interval() {
        return interval;
    }

    @Override
    public String toString() {
        return isEveryRecord() ? "fsync every record" : "fsync every " + interval.toMillis() + " ms";
    }
}
