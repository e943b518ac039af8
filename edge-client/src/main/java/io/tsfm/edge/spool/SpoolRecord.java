package io.tsfm.edge.spool;

import io.tsfm.core.annotation.PublicApi;
import java.util.Objects;

/**
 * One record read back from the {@link Spool}. The arrays are handed over, not copied: the spool never
 * touches them again and the receiver must not expect value equality from {@link #equals(Object)} (a record
 * of arrays compares them by reference).
 *
 * @param offset          logical offset, strictly increasing in append order
 * @param timestampMillis wall-clock time of the append, milliseconds since the epoch
 * @param topic           destination topic given to {@link Spool#append}
 * @param key             record key, or {@code null}
 * @param payload         opaque payload
 */
@PublicApi
public record SpoolRecord(long offset, long timestampMillis, String topic, byte[] key, byte[] payload) {
    public SpoolRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
    }
}
