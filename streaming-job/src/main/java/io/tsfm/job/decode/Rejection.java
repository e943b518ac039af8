package io.tsfm.job.decode;

import io.tsfm.core.annotation.Internal;
import io.tsfm.core.time.Clocks;
import io.tsfm.schemas.avro.DeadLetterReason;

/**
 * A record the job will not process, on its way to the dead-letter topic: the record itself, the reason symbol and a
 * detail naming what was wrong and where.
 *
 * @param source       the rejected Kafka record, unchanged
 * @param reason       a {@link DeadLetterReason} symbol name
 * @param detail       human-readable: what was wrong and where (field, byte offset, sample index)
 * @param atEpochMicros wall-clock time of the rejection
 */
@Internal
public record Rejection(SourceRecord source, String reason, String detail, long atEpochMicros) {

    /** A rejection stamped now. */
    public static Rejection of(SourceRecord source, DeadLetterReason reason, String detail) {
        return new Rejection(source, reason.name(), detail, Clocks.nowMicros());
    }

    /** The reason as the Avro enum. */
    public DeadLetterReason deadLetterReason() {
        return DeadLetterReason.valueOf(reason);
    }
}
