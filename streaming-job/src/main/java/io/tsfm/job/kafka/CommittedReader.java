package io.tsfm.job.kafka;

import io.tsfm.core.annotation.PublicApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic as a {@code read_committed} consumer sees it (what the job's transactional sinks have committed),
 * without a consumer group: for the CLI's measurements and for tests reading the job's output back. Stateless; each
 * call opens its own consumer, so calls are thread-safe.
 */
@PublicApi
public final class CommittedReader {

    private CommittedReader() {
    }

    /**
     * A {@code read_committed} byte consumer of {@code bootstrap} with every partition of {@code topic} assigned
     * (positions not yet set); the caller closes it.
     */
    public static KafkaConsumer<byte[], byte[]> assignAll(String bootstrap, String topic) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            consumer.assign(consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList());
            return consumer;
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    /**
     * Every committed record of {@code topic} from its beginning up to its last stable offsets at the time of the
     * call, each value decoded by {@code decode} as it is polled (partition by partition, in offset order).
     */
    public static <T> List<T> readAll(String bootstrap, String topic, Function<byte[], T> decode) {
        return read(bootstrap, topic, decode, Long.MAX_VALUE);
    }

    /** As {@link #readAll(String, String, Function)}, but stops after {@code timeout} with what it read by then. */
    public static <T> List<T> readAll(String bootstrap, String topic, Function<byte[], T> decode, Duration timeout) {
        return read(bootstrap, topic, decode, timeout.toNanos());
    }

    private static <T> List<T> read(String bootstrap, String topic, Function<byte[], T> decode, long timeoutNanos) {
        List<T> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = assignAll(bootstrap, topic)) {
            Collection<TopicPartition> parts = consumer.assignment();
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts); // read_committed: the last stable offsets
            long start = System.nanoTime();
            while (parts.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() - start < timeoutNanos) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(decode.apply(r.value()));
                }
            }
        }
        return out;
    }
}
