package io.tsfm.edge.kafka;

import io.tsfm.core.annotation.PublicApi;
import io.tsfm.edge.retry.ExponentialBackoff;
import io.tsfm.edge.spool.ReplayCursor;
import io.tsfm.edge.spool.Spool;
import io.tsfm.edge.spool.SpoolRecord;
import io.tsfm.edge.spool.SpoolStats;
import io.tsfm.schemas.Topics;
import io.tsfm.schemas.WireFormat;
import io.tsfm.schemas.WireFormatException;
import io.tsfm.schemas.avro.ImuFrame;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes records to Kafka through a durable {@link Spool}, so that nothing handed to it is lost while the broker
 * is unreachable or when the process dies.
 *
 * <p>Write-ahead: {@link #publish} appends to the spool and returns; one sender thread replays the spool in order to
 * an idempotent producer and acknowledges records in the spool only after the broker acknowledged them. Sending
 * everything through the spool, not only what failed, keeps one order (a record never overtakes an older one waiting
 * in the spool) and makes a record safe from a crash the moment {@code publish} returns.
 *
 * <p>Failure handling: when a batch is not acknowledged within the send timeout, or fails, the producer is closed at
 * once (its unsent records are abandoned), the spool's read position goes back to the first unacknowledged record,
 * and after an {@link ExponentialBackoff} delay a new producer sends from there. Within one producer the broker
 * appends a partition's batches only in order, so what landed before a failure is a prefix; re-sending from the first
 * unacknowledged record can repeat records but never reorders them. Delivery is therefore at least once and in order
 * per key: consumers drop repeats by the frame's per-device sequence number (predictions by device and window start).
 * A record the broker can never take (too large, invalid topic) is logged with its spool offset, counted in
 * {@link PublisherStats#rejected()}, and skipped, so it cannot block the stream forever.
 *
 * <p>Sequence numbers: {@link #publishFrame} records each device's frame sequence; {@link #nextSequences()} gives,
 * after a restart, the number each device continues with (from the ledger beside the spool and the frames still in
 * it), so numbers are never reused.
 *
 * <p>Thread-safe: {@code publish*} from any thread. {@link #close()} tries to deliver what is pending for up to the
 * close timeout, then stops; what is left stays in the spool for the next run. Owns (and closes) the spool.
 */
@PublicApi
public final class SpooledPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SpooledPublisher.class);

    private final Spool spool;
    private final KafkaSettings kafka;
    private final String framesTopic;
    private final int maxBatch;
    private final Duration sendTimeout;
    private final Duration closeTimeout;
    private final ExponentialBackoff backoff;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition progress = lock.newCondition();
    /** Next sequence per device: recovered at open, advanced by every published frame. */
    private final Map<String, Long> nextSequence = new ConcurrentHashMap<>();
    private final Map<String, Long> recovered;
    private final Thread sender;

    private volatile boolean stopping;
    private volatile long closeDeadlineNanos = Long.MAX_VALUE;
    private long appended;
    private long delivered;
    private long failedAttempts;
    private long producerRestarts;
    private long rejected;
    private volatile boolean connected;
    private volatile String lastError;
    private Producer<byte[], byte[]> producer;
    private Map<String, Long> ledgerWritten = Map.of();

    private SpooledPublisher(Builder b) throws IOException {
        this.spool = b.spool;
        this.kafka = b.kafka;
        this.framesTopic = b.framesTopic;
        this.maxBatch = b.maxBatch;
        this.sendTimeout = b.sendTimeout;
        this.closeTimeout = b.closeTimeout;
        this.backoff = b.backoff;
        this.recovered = recoverSequences();
        nextSequence.putAll(recovered);
        sender = new Thread(this::sendLoop, "edge-publisher " + spool.directory().getFileName());
        sender.setDaemon(true);
        sender.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Next sequence per device as recovered at open: the ledger, raised past every frame still in the spool. */
    private Map<String, Long> recoverSequences() throws IOException {
        Map<String, Long> next = new ConcurrentHashMap<>(SequenceLedger.read(spool.directory()));
        ReplayCursor cursor = spool.cursor();
        int undecodable = 0;
        for (List<SpoolRecord> batch = cursor.next(1024); !batch.isEmpty(); batch = cursor.next(1024)) {
            for (SpoolRecord r : batch) {
                if (!r.topic().equals(framesTopic)) continue;
                try {
                    ImuFrame f = WireFormat.IMU_FRAME.decode(r.payload());
                    next.merge(f.getDeviceId(), f.getSequence() + 1, Math::max);
                } catch (WireFormatException e) {
                    undecodable++;
                    if (undecodable <= 5) LOG.warn("Spool {} offset {}: not an ImuFrame ({}); its sequence is not known",
                            spool.directory(), r.offset(), e.getMessage());
                }
            }
        }
        ledgerWritten = Map.copyOf(next);
        return Map.copyOf(next);
    }

    /** The number each device continues with after a restart; empty for a new spool. */
    public Map<String, Long> nextSequences() {
        return recovered;
    }

    /**
     * Appends a record for delivery and returns its spool offset. Durable against a killed process on return.
     *
     * @throws IOException when the spool cannot take it (disk error, {@code SpoolFullException} under REJECT_NEWEST)
     */
    public long publish(String topic, byte[] key, byte[] value) throws IOException {
        long offset = spool.append(topic, key, value);
        signalAppended();
        return offset;
    }

    /**
     * Appends an encoded {@code ImuFrame} for the frames topic and records its sequence number.
     *
     * @param key      the device's Kafka key
     * @param sequence the frame's sequence number
     */
    public long publishFrame(String deviceId, long sequence, byte[] key, byte[] value) throws IOException {
        long offset = spool.append(framesTopic, key, value);
        nextSequence.merge(deviceId, sequence + 1, Math::max);
        signalAppended();
        return offset;
    }

    private void signalAppended() {
        lock.lock();
        try {
            appended++;
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The topic {@link #publishFrame} writes to. */
    public String framesTopic() {
        return framesTopic;
    }

    /**
     * Waits until the broker acknowledged every record in the spool.
     *
     * @return true when nothing is pending, false when the timeout passed first
     */
    public boolean awaitDelivered(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (spool.stats().records() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !sender.isAlive()) return false;
                progress.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** A snapshot of the counters. */
    public PublisherStats stats() {
        SpoolStats s = spool.stats();
        lock.lock();
        try {
            return new PublisherStats(appended, delivered, s.records(), failedAttempts, producerRestarts, rejected,
                    connected, lastError, s);
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- the sender thread

    private void sendLoop() {
        ReplayCursor cursor;
        try {
            cursor = spool.cursor();
        } catch (RuntimeException e) {
            LOG.error("publisher cannot read spool {}", spool.directory(), e);
            return;
        }
        try {
            while (true) {
                if (stopping && (System.nanoTime() > closeDeadlineNanos || spool.stats().records() == 0)) break;
                List<SpoolRecord> batch = cursor.next(maxBatch);
                if (batch.isEmpty()) {
                    awaitWork();
                    continue;
                }
                int done = sendBatch(batch);
                if (done > 0) acknowledge(batch.get(done - 1).offset());
                if (done < batch.size()) {
                    discardProducer(true);
                    cursor.rewind();
                    Duration delay = backoff.nextDelay();
                    LOG.warn("publisher: {} of {} records delivered, then {}; retrying in {} ms (attempt {})", done,
                            batch.size(), lastError, delay.toMillis(), backoff.attempts());
                    sleepUnlessClosing(delay);
                } else {
                    if (!connected) {
                        LOG.info("publisher: {}, delivering from spool offset {}", failedAttempts == 0 ? "connected"
                                : "broker reachable again after " + failedAttempts + " failed attempts", batch.get(0).offset());
                    }
                    connected = true;
                    backoff.reset();
                }
            }
        } catch (IOException | RuntimeException e) {
            lastError = e.toString();
            LOG.error("publisher stopped: spool {} failed", spool.directory(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            discardProducer(false);
            lock.lock();
            try {
                progress.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Sends a batch and waits for the broker's acknowledgements.
     *
     * @return how many leading records of the batch are done (acknowledged, or rejected for good)
     */
    private int sendBatch(List<SpoolRecord> batch) throws InterruptedException {
        if (producer == null) {
            try {
                producer = new KafkaProducer<>(kafka.producerProperties());
            } catch (RuntimeException e) {
                fail("cannot create a Kafka producer: " + e.getMessage());
                return 0;
            }
        }
        List<Future<RecordMetadata>> futures = new ArrayList<>(batch.size());
        String sendError = null;
        for (SpoolRecord r : batch) {
            Future<RecordMetadata> f;
            try {
                f = producer.send(new ProducerRecord<>(r.topic(), null, r.timestampMillis(), r.key(), r.payload()));
            } catch (RuntimeException e) {
                f = java.util.concurrent.CompletableFuture.failedFuture(e);
            }
            futures.add(f);
            // a send that failed at once (no metadata within max.block.ms: the broker is down) must stop the batch:
            // a later record sent after it could land first if the broker came back meanwhile
            Throwable failed = failedAtOnce(f);
            if (failed != null && !isPoison(failed)) {
                sendError = failed.toString();
                futures.remove(futures.size() - 1);
                break;
            }
        }
        long deadline = System.nanoTime() + sendTimeout.toNanos();
        int done = 0;
        for (int i = 0; i < futures.size(); i++) {
            SpoolRecord r = batch.get(i);
            try {
                futures.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                done++;
            } catch (ExecutionException e) {
                if (isPoison(e.getCause())) {
                    lock.lock();
                    try {
                        rejected++;
                    } finally {
                        lock.unlock();
                    }
                    LOG.error("publisher: spool offset {} for topic {} can never be delivered and is skipped: {}",
                            r.offset(), r.topic(), e.getCause().toString());
                    done++;
                    continue;
                }
                fail(e.getCause().toString());
                return done;
            } catch (java.util.concurrent.TimeoutException e) {
                fail("no acknowledgement within " + sendTimeout.toMillis() + " ms");
                return done;
            }
        }
        if (sendError != null) {
            fail(sendError);
            return done;
        }
        return done;
    }

    /** The failure of a send whose future completed before it returned, else null. */
    private static Throwable failedAtOnce(Future<RecordMetadata> f) {
        if (!f.isDone()) return null;
        try {
            f.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException | java.util.concurrent.CancellationException e) {
            return e;
        }
    }

    private static boolean isPoison(Throwable e) {
        return e instanceof RecordTooLargeException || e instanceof InvalidTopicException
                || e instanceof SerializationException;
    }

    private void fail(String error) {
        lock.lock();
        try {
            failedAttempts++;
        } finally {
            lock.unlock();
        }
        connected = false;
        lastError = error;
    }

    private void acknowledge(long offset) throws IOException {
        Map<String, Long> snapshot = Map.copyOf(nextSequence);
        if (!snapshot.equals(ledgerWritten)) {
            // before the spool lets go of these records: the ledger must already cover their sequence numbers
            SequenceLedger.write(spool.directory(), snapshot);
            ledgerWritten = snapshot;
        }
        long before = spool.stats().readOffset();
        spool.acknowledge(offset);
        lock.lock();
        try {
            delivered += offset + 1 - before;
            progress.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void discardProducer(boolean afterFailure) {
        if (producer == null) return;
        try {
            // zero timeout: abandon unsent records now; they are still in the spool and will be sent again
            producer.close(Duration.ZERO);
        } catch (RuntimeException e) {
            LOG.debug("closing a failed producer", e);
        }
        producer = null;
        if (!afterFailure) return;
        lock.lock();
        try {
            producerRestarts++;
        } finally {
            lock.unlock();
        }
    }

    private void awaitWork() throws InterruptedException {
        lock.lock();
        try {
            work.await(100, TimeUnit.MILLISECONDS);
        } finally {
            lock.unlock();
        }
    }

    private void sleepUnlessClosing(Duration delay) throws InterruptedException {
        long until = System.nanoTime() + delay.toNanos();
        lock.lock();
        try {
            while (true) {
                long left = Math.min(until, closeDeadlineNanos) - System.nanoTime();
                if (left <= 0) return;
                work.awaitNanos(left);
                if (stopping && System.nanoTime() > closeDeadlineNanos) return;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Delivers what is pending for up to the close timeout, then stops the sender and closes the spool. Records not
     * delivered stay in the spool for the next run. Idempotent.
     */
    @Override
    public void close() throws IOException {
        if (!stopping) {
            closeDeadlineNanos = System.nanoTime() + closeTimeout.toNanos();
            stopping = true;
        }
        lock.lock();
        try {
            work.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            sender.join(closeTimeout.toMillis() + sendTimeout.toMillis() + 5000);
            if (sender.isAlive()) {
                sender.interrupt();
                sender.join(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sender.interrupt();
        }
        SpoolStats s = spool.stats();
        if (s.records() > 0) {
            LOG.warn("publisher closed with {} records not yet delivered; they stay in spool {} for the next run",
                    s.records(), spool.directory());
        }
        spool.close();
    }

    /** Builds a {@link SpooledPublisher}; spool and Kafka settings are required. */
    public static final class Builder {
        private Spool spool;
        private KafkaSettings kafka;
        private String framesTopic = Topics.IMU_FRAMES;
        private int maxBatch = 500;
        private Duration sendTimeout = Duration.ofSeconds(10);
        private Duration closeTimeout = Duration.ofSeconds(10);
        private ExponentialBackoff backoff = ExponentialBackoff.builder()
                .optInitial(Duration.ofMillis(200)).optMax(Duration.ofSeconds(30)).build();

        private Builder() {
        }

        /** The spool records wait in; the publisher takes it over and closes it. Required. */
        public Builder setSpool(Spool spool) {
            this.spool = Objects.requireNonNull(spool, "spool");
            return this;
        }

        /** Where and how to connect. Required. */
        public Builder setKafka(KafkaSettings kafka) {
            this.kafka = Objects.requireNonNull(kafka, "kafka");
            return this;
        }

        /** Topic of {@link #publishFrame}; default {@link Topics#IMU_FRAMES}. */
        public Builder optFramesTopic(String topic) {
            this.framesTopic = Objects.requireNonNull(topic, "topic");
            return this;
        }

        /** Most records per send; default 500. */
        public Builder optMaxBatch(int maxBatch) {
            this.maxBatch = maxBatch;
            return this;
        }

        /** How long a batch may wait for the broker's acknowledgements before it counts as failed; default 10 s. */
        public Builder optSendTimeout(Duration timeout) {
            this.sendTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** How long {@link #close()} keeps delivering pending records; default 10 s. */
        public Builder optCloseTimeout(Duration timeout) {
            this.closeTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Delays between attempts after a failure; default 200 ms doubling to 30 s, jittered. */
        public Builder optBackoff(ExponentialBackoff backoff) {
            this.backoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        /**
         * Recovers sequence numbers from the spool and starts the sender thread.
         *
         * @throws IOException when the spool or the sequence ledger cannot be read
         */
        public SpooledPublisher build() throws IOException {
            if (spool == null) throw new IllegalStateException("SpooledPublisher.builder(): setSpool is required");
            if (kafka == null) throw new IllegalStateException("SpooledPublisher.builder(): setKafka is required");
            if (maxBatch < 1) throw new IllegalArgumentException("optMaxBatch must be >= 1, got " + maxBatch);
            if (sendTimeout.isNegative() || sendTimeout.isZero()) {
                throw new IllegalArgumentException("optSendTimeout must be positive, got " + sendTimeout);
            }
            if (closeTimeout.isNegative()) throw new IllegalArgumentException("optCloseTimeout must be >= 0, got " + closeTimeout);
            return new SpooledPublisher(this);
        }
    }

    @Override
    public String toString() {
        return "SpooledPublisher[" + spool.directory() + " -> " + kafka.bootstrapServers() + "]";
    }
}
