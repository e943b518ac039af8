package io.tsfm.job.kafka;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;

/** A sink's serializer that writes every record to one topic, named at construction; subclasses shape the record. */
abstract class TopicSerializer<T> implements KafkaRecordSerializationSchema<T> {

    private static final long serialVersionUID = 1L;

    /** The topic every record goes to. */
    protected final String topic;

    TopicSerializer(String topic) {
        this.topic = topic;
    }
}
