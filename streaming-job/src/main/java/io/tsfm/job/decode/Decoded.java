package io.tsfm.job.decode;

import io.tsfm.core.annotation.Internal;
import io.tsfm.core.serving.LabelSetEntry;



/**
 * What a Kafka deserializer of the job emits for one record: exactly one of a good frame, a good label-set update or
 * a rejection. One type for all three because a Kafka source has one output; {@link DecodedRouter} splits them.
 *
 * @param frame     a valid frame, or null
 * @param labelSet  a valid label-set update, or null
 * @param rejection why the record is dead-lettered, or null
 */
@Internal
public record Decoded(Frame frame, LabelSetEntry labelSet, Rejection rejection) {

    /** A good frame. */
    public static Decoded of(Frame frame) {
        return new Decoded(frame, null, null);
    }

    /** A good label-set update. */
    public static Decoded of(LabelSetEntry labelSet) {
        return new Decoded(null, labelSet, null);
    }

    /** A record to dead-letter. */
    public static Decoded of(Rejection rejection) {
        return new Decoded(null, null, rejection);
    }

    /** Event timestamp for watermarking: a frame's first-sample time; anything else must not move event time. */
    public long eventTimestampMillis() {
        return frame != null ? frame.timestampMillis() : Long.MIN_VALUE;
    }
}
