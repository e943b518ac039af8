package io.tsfm.edge.labels;

import io.tsfm.core.annotation.Internal;
import io.tsfm.core.serving.LabelSetEntry;
import io.tsfm.edge.kafka.KafkaSettings;
import io.tsfm.schemas.Topics;
import io.tsfm.schemas.WireFormat;
import io.tsfm.schemas.WireFormatException;
import io.tsfm.schemas.avro.LabelSetUpdate;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the label-set control topic (the records the streaming job applies as broadcast state) for an edge client:
 * one background thread reads the topic from its beginning (it is compacted: the latest version of every id) and
 * on, and hands each update to {@link LabelSets}, which keeps it when it is newer than the set of that id it holds.
 * Every taken update is written to the {@link LabelSetStore} at once, so a restarted device that cannot reach the
 * broker scores against the last sets it was sent.
 *
 * <p>A record that does not decode or breaks the wire rules (e.g. an empty label list) is logged with its partition
 * and offset, counted and skipped; it never stops the follower. While the broker is unreachable the follower waits
 * and retries; the client keeps scoring against what it holds.
 *
 * <p>Thread-safe; {@link #close()} stops the thread.
 */
@Internal
public final class LabelSetFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LabelSetFollower.class);

    /** What the follower did so far. */
    public record Stats(long applied, long ignored, long rejected) {
    }

    private final LabelSets sets;
    private final LabelSetStore store;
    private final KafkaSettings kafka;
    private final String topic;
    private final Duration retry;
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final Thread thread;
    private final Map<TopicPartition, Long> positions = new HashMap<>(); // the follower thread's own
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean closed;

    private LabelSetFollower(Builder b) {
        this.sets = b.sets;
        this.store = b.store;
        this.kafka = b.kafka;
        this.topic = b.topic;
        this.retry = b.retry;
        this.thread = new Thread(this::follow, "edge-label-sets");
        this.thread.setDaemon(true);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the background thread; returns at once. */
    public LabelSetFollower start() {
        thread.start();
        return this;
    }

    /** Updates taken, ignored as not newer, and rejected as bad so far. */
    public Stats stats() {
        return new Stats(applied.get(), ignored.get(), rejected.get());
    }

    /** Handles one control-topic record: decode, validate, take when newer, store. */
    void accept(String where, byte[] value) {
        LabelSetEntry update;
        try {
            LabelSetUpdate u = WireFormat.LABEL_SET_UPDATE.decode(value == null ? new byte[0] : value);
            update = LabelSetEntry.of(u);
        } catch (WireFormatException | IllegalArgumentException e) {
            rejected.incrementAndGet();
            LOG.warn("label-set update at {} skipped: {}", where, e.getMessage());
            return;
        }
        if (!sets.apply(update)) {
            ignored.incrementAndGet();
            LOG.info("label set {} v{} at {} ignored: not newer than the set held", update.id(), update.version(), where);
            return;
        }
        applied.incrementAndGet();
        LOG.info("label set {} now in effect (from {})", update, where);
        if (store != null) {
            try {
                store.save(sets.held());
            } catch (IOException e) {
                // scoring goes on with the new set; only the restart would fall back to an older one
                LOG.warn("label sets not saved to {}: {}", store.file(), e.toString());
            }
        }
    }

    private void follow() {
        while (!closed) {
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(kafka.consumerProperties())) {
                consumer = c;
                if (closed) return;
                List<TopicPartition> partitions = partitions(c);
                if (partitions.isEmpty()) {
                    LOG.info("label-set topic {} not found yet; retrying in {} ms", topic, retry.toMillis());
                    sleep();
                    continue;
                }
                c.assign(partitions);
                for (TopicPartition tp : partitions) {
                    Long next = positions.get(tp);
                    // after a reconnection go on where we were: records seen once are not counted twice
                    if (next != null) c.seek(tp, next);
                    else c.seekToBeginning(List.of(tp));
                }
                LOG.info("following label-set topic {} ({} partitions)", topic, partitions.size());
                while (!closed) {
                    for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                        accept(r.topic() + "-" + r.partition() + "@" + r.offset(), r.value());
                        positions.put(new TopicPartition(r.topic(), r.partition()), r.offset() + 1);
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (closed) return;
                LOG.warn("label-set topic {} unreachable ({}); retrying in {} ms", topic, e.toString(), retry.toMillis());
                sleep();
            } finally {
                consumer = null;
            }
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> c) {
        List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(10));
        List<TopicPartition> out = new ArrayList<>();
        if (infos != null) {
            for (PartitionInfo i : infos) out.add(new TopicPartition(i.topic(), i.partition()));
        }
        return out;
    }

    private void sleep() {
        // short naps so close() is quick without interrupting the thread (an interrupt breaks the consumer's close)
        long end = System.nanoTime() + retry.toNanos();
        try {
            while (!closed && System.nanoTime() < end) {
                Thread.sleep(Math.min(50, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            closed = true;
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) c.wakeup();
        thread.join(15_000);
    }

    /** Builds a {@link LabelSetFollower}; {@link #setLabelSets} and {@link #setKafka} are required. */
    public static final class Builder {
        private LabelSets sets;
        private LabelSetStore store;
        private KafkaSettings kafka;
        private String topic = Topics.LABEL_SETS;
        private Duration retry = Duration.ofSeconds(5);

        private Builder() {
        }

        /** Where taken updates go. Required. */
        public Builder setLabelSets(LabelSets sets) {
            this.sets = Objects.requireNonNull(sets, "sets");
            return this;
        }

        /** The broker and its connection settings. Required. */
        public Builder setKafka(KafkaSettings kafka) {
            this.kafka = Objects.requireNonNull(kafka, "kafka");
            return this;
        }

        /** Where taken updates are kept across restarts; default none. */
        public Builder optStore(LabelSetStore store) {
            this.store = store;
            return this;
        }

        /** The control topic; default {@link Topics#LABEL_SETS}. */
        public Builder optTopic(String topic) {
            this.topic = Objects.requireNonNull(topic, "topic");
            return this;
        }

        /** Wait before reconnecting after a failure or while the topic is missing; default 5 s. */
        public Builder optRetry(Duration retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        public LabelSetFollower build() {
            if (sets == null) throw new IllegalStateException("LabelSetFollower.builder(): setLabelSets is required");
            if (kafka == null) throw new IllegalStateException("LabelSetFollower.builder(): setKafka is required");
            return new LabelSetFollower(this);
        }
    }
}
