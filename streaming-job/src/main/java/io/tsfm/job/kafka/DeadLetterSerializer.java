package io.tsfm.job.kafka;

import io.tsfm.core.annotation.Internal;
import io.tsfm.job.decode.Rejection;
import io.tsfm.schemas.WireFormat;
import io.tsfm.schemas.avro.DeadLetter;
import java.nio.ByteBuffer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes a {@link Rejection} as a {@code DeadLetter} (single-object Avro) under the source record's key. */
@Internal
public final class DeadLetterSerializer extends TopicSerializer<Rejection> {

    private static final long serialVersionUID = 1L;

    /** @param topic the dead-letter topic */
    public DeadLetterSerializer(String topic) {
        super(topic);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(Rejection r, KafkaSinkContext context, Long timestamp) {
        DeadLetter d = DeadLetter.newBuilder()
                .setSourceTopic(r.source().topic())
                .setSourcePartition(r.source().partition())
                .setSourceOffset(r.source().offset())
                .setPayload(ByteBuffer.wrap(r.source().value()))
                .setReason(r.deadLetterReason())
                .setDetail(r.detail())
                .setDeadLetteredAtEpochMicros(r.atEpochMicros())
                .build();
        // no event timestamp: a dead letter is stamped with the time it was written
        return new ProducerRecord<>(topic, null, null, r.source().key(), WireFormat.DEAD_LETTER.encode(d));
    }
}
