package io.tsfm.lab.demo;

import io.tsfm.core.time.Clocks;
import io.tsfm.schemas.WireFormat;
import io.tsfm.schemas.WireFormatException;
import io.tsfm.schemas.avro.Prediction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the job's output as a downstream application would: the predictions and dead-letter topics from their start,
 * {@code read_committed} (a prediction is readable once the job's checkpoint after it has committed its Kafka
 * transaction), on a thread of its own. Each prediction goes to the {@link Scoreboard} stamped with the wall-clock
 * time it was read, then to {@code onEvent}.
 *
 * <p>{@link #close} stops the thread and waits for it; thread-safe.
 */
final class PredictionFeed implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String predictionsTopic;
    private final Scoreboard board;
    private final Consumer<Scoreboard.Event> onEvent;
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean running = true;

    PredictionFeed(String bootstrapServers, String predictionsTopic, String deadLettersTopic, Scoreboard board,
                   Consumer<Scoreboard.Event> onEvent) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.CLIENT_ID_CONFIG, "tsfm-demo-view"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.predictionsTopic = predictionsTopic;
        this.board = board;
        this.onEvent = onEvent;
        try {
            List<TopicPartition> parts = new ArrayList<>();
            for (String topic : List.of(predictionsTopic, deadLettersTopic)) {
                for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                    parts.add(new TopicPartition(topic, p.partition()));
                }
            }
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
        this.thread = new Thread(this::loop, "tsfm-demo-predictions");
        thread.start();
    }

    private void loop() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    long now = Clocks.nowMicros();
                    try {
                        if (r.topic().equals(predictionsTopic)) {
                            Prediction p = WireFormat.PREDICTION.decode(r.value());
                            onEvent.accept(board.record(p, now));
                        } else {
                            board.deadLetter(WireFormat.DEAD_LETTER.decode(r.value()).getReason().name());
                        }
                    } catch (WireFormatException e) {
                        board.undecodable();
                    }
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } catch (RuntimeException | Error e) {
            failure.set(e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** What stopped the consumer thread early, if anything. */
    Throwable failure() {
        return failure.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join();
    }
}
