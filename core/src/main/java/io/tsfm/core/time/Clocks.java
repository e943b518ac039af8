package io.tsfm.core.time;

import io.tsfm.core.annotation.Internal;
import java.time.Instant;

/** The wall clock in the unit of every time field on the wire: microseconds since the epoch. Thread-safe. */
@Internal
public final class Clocks {

    private Clocks() {
    }

    /** Now, microseconds since the epoch (microsecond resolution where the platform clock has it). */
    public static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
