package io.tsfm.job.decode;

import io.tsfm.core.annotation.Internal;

/**
 * Where a Kafka record came from and its raw bytes, kept with everything decoded from it until it is known to be
 * good, so a record rejected at any stage can be dead-lettered unchanged with its coordinates.
 *
 * @param topic           source topic
 * @param partition       source partition
 * @param offset          source offset
 * @param timestampMillis the Kafka record timestamp (producer or broker time), ms since the epoch
 * @param key             the record key, null when the record had none
 * @param value           the record value bytes, unchanged (empty for a tombstone)
 */
@Internal
public record SourceRecord(String topic, int partition, long offset, long timestampMillis, byte[] key, byte[] value) {

    /** {@code topic/partition@offset}, for messages. */
    public String coordinates() {
        return topic + "/" + partition + "@" + offset;
    }
}
