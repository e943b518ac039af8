package io.tsfm.job.kafka;

import io.tsfm.core.annotation.Internal;
import io.tsfm.job.decode.Decoded;
import io.tsfm.job.decode.RecordDecoder;
import io.tsfm.job.decode.SourceRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Kafka source deserializer of the job: keeps each record's coordinates and bytes and decodes it with a
 * {@link RecordDecoder}, which turns bad data into a rejection instead of an exception (an exception here would fail
 * and restart the job on the same record forever). Decoding in the source lets the watermark see each frame's event
 * time per Kafka partition.
 */
@Internal
public final class DecodingDeserializer implements KafkaRecordDeserializationSchema<Decoded> {

    private static final long serialVersionUID = 1L;

    private final RecordDecoder decoder;

    /** @param decoder decodes one record's value */
    public DecodingDeserializer(RecordDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Decoded> out) {
        out.collect(decoder.decode(new SourceRecord(record.topic(), record.partition(), record.offset(),
                record.timestamp(), record.key(), record.value() == null ? new byte[0] : record.value())));
    }

    @Override
    public TypeInformation<Decoded> getProducedType() {
        return TypeInformation.of(Decoded.class);
    }
}
