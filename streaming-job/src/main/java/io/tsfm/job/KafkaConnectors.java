package io.tsfm.job;

import io.tsfm.core.annotation.Internal;
import io.tsfm.core.serving.ScoredWindow;
import io.tsfm.job.decode.Decoded;
import io.tsfm.job.decode.RecordDecoder;
import io.tsfm.job.decode.Rejection;
import io.tsfm.job.kafka.DeadLetterSerializer;
import io.tsfm.job.kafka.DecodingDeserializer;
import io.tsfm.job.kafka.PredictionSerializer;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The job's Kafka sources and sinks, configured from {@link JobOptions}: sources read committed data only and commit
 * their offsets on checkpoints; sinks write in Kafka transactions committed with each checkpoint (exactly-once) or
 * flush on checkpoints (at-least-once). Stateless.
 */
@Internal
public final class KafkaConnectors {

    private KafkaConnectors() {
    }

    /**
     * A source of {@code topic} decoded with {@code decoder}; {@code name} tells its client ids apart.
     *
     * @param fromEarliest ignore {@code --starting-offsets} and read the topic from its start (on a fresh start; a
     *                     restore resumes from the checkpoint): the control topic, whose whole compacted history is
     *                     the set of label sets in force
     */
    public static KafkaSource<Decoded> source(JobOptions o, String topic, String name, RecordDecoder decoder,
                                              boolean fromEarliest) {
        KafkaSourceBuilder<Decoded> b = KafkaSource.<Decoded>builder()
                .setBootstrapServers(o.bootstrapServers())
                .setTopics(topic)
                .setGroupId(o.groupId())
                .setClientIdPrefix(o.groupId() + "-" + name)
                .setDeserializer(new DecodingDeserializer(decoder))
                .setStartingOffsets(fromEarliest ? OffsetsInitializer.earliest() : startingOffsets(o.startingOffsets()))
                // only what producers committed: a device or a replay writing in transactions never leaks aborts
                .setProperty("isolation.level", "read_committed")
                .setProperty("commit.offsets.on.checkpoint", "true");
        if (o.bounded()) {
            b.setBounded(OffsetsInitializer.latest());
        }
        o.kafkaProperties().forEach(b::setProperty);
        return b.build();
    }

    /** The predictions sink. */
    public static KafkaSink<ScoredWindow> predictionSink(JobOptions o) {
        return sink(o, new PredictionSerializer(o.predictionsTopic()), "predictions");
    }

    /** The dead-letter sink. */
    public static KafkaSink<Rejection> deadLetterSink(JobOptions o) {
        return sink(o, new DeadLetterSerializer(o.deadLettersTopic()), "dead-letters");
    }

    private static <T> KafkaSink<T> sink(JobOptions o, KafkaRecordSerializationSchema<T> serializer, String name) {
        Properties props = new Properties();
        props.setProperty("transaction.timeout.ms", Long.toString(o.transactionTimeoutMillis()));
        props.putAll(o.kafkaProperties());
        return KafkaSink.<T>builder()
                .setBootstrapServers(o.bootstrapServers())
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(o.exactlyOnce() ? DeliveryGuarantee.EXACTLY_ONCE
                        : DeliveryGuarantee.AT_LEAST_ONCE)
                // one prefix per sink: two sinks sharing transactional ids would fence each other
                .setTransactionalIdPrefix(o.transactionalIdPrefix() + "-" + name)
                .setKafkaProducerConfig(props)
                .build();
    }

    private static OffsetsInitializer startingOffsets(String mode) {
        return switch (mode) {
            case "earliest" -> OffsetsInitializer.earliest();
            case "latest" -> OffsetsInitializer.latest();
            default -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        };
    }
}
