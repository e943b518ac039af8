package io.tsfm.job.decode;

import java.time.Instant;

/** Wall-clock time in microseconds since the epoch, the unit of every time field on the wire. Thread-safe. */
public final class WallClock {

    private WallClock() {
    }

    /** Now, microseconds since the epoch (microsecond resolution where the platform clock has it). */
    public static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
