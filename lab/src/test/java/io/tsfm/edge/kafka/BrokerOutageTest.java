package io.tsfm.edge.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.core.data.Session;
import io.tsfm.core.testing.MicroBundle;
import io.tsfm.edge.EdgeClient;
import io.tsfm.edge.EdgeListener;
import io.tsfm.edge.EdgeStats;
import io.tsfm.edge.frame.DeviceFrame;
import io.tsfm.edge.frame.ImuFrameCodec;
import io.tsfm.edge.retry.ExponentialBackoff;
import io.tsfm.lab.replay.DatasetReplaySource;
import io.tsfm.edge.source.Pacer;
import io.tsfm.edge.spool.Spool;
import io.tsfm.edge.testing.Hapt;
import io.tsfm.core.runtime.WindowClassifier;
import io.tsfm.edge.testing.WireConsumer;
import io.tsfm.lab.kafka.EmbeddedKafka;
import io.tsfm.schemas.Topics;
import io.tsfm.schemas.WireFormat;
import io.tsfm.schemas.avro.ImuFrame;
import io.tsfm.schemas.avro.Prediction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge client publishes real HAPT recordings of three devices while the (real, KRaft) broker is stopped mid-run
 * and restarted on the same port and log directory. After deduplication by sequence number (frames) and window start
 * (predictions), a read_committed consumer sees every frame and every prediction exactly once, in order per device,
 * with the samples and labels the client produced.
 */
class BrokerOutageTest {

    /** Frames the client publishes before it waits for the broker to be stopped (fewer than the replay has). */
    private static final int GATE = 200;

    @Test
    void anOutageLosesNothingAndReordersNothing(@TempDir Path tmp) throws Exception {
        List<Session> sessions = Hapt.dataset().sessions().subList(0, 24);
        Path logDir = tmp.resolve("kafka");
        EmbeddedKafka kafka = EmbeddedKafka.builder().optLogDir(logDir).optNumPartitions(2).build();
        int port = kafka.port();
        String bootstrap = kafka.bootstrapServers();
        kafka.createTopics(Topics.IMU_FRAMES, Topics.PREDICTIONS);

        KafkaSettings settings = KafkaSettings.builder().setBootstrapServers(bootstrap)
                .optProperty("max.block.ms", "1000").optProperty("request.timeout.ms", "3000").build();
        Map<String, List<DeviceFrame>> sentFrames = new LinkedHashMap<>();
        Map<String, List<Prediction>> sentPredictions = new LinkedHashMap<>();
        // the client's thread stops after frame GATE (already spooled) until the broker is down, so the outage
        // always falls mid-run, however slow the machine, instead of racing a paced replay that may have ended
        CountDownLatch brokerDown = new CountDownLatch(1);
        AtomicInteger framesSeen = new AtomicInteger();
        EdgeListener recorder = new EdgeListener() {
            @Override
            public void onFrame(DeviceFrame frame) {
                sentFrames.computeIfAbsent(frame.deviceId(), d -> new ArrayList<>()).add(frame);
                if (framesSeen.incrementAndGet() == GATE) {
                    try {
                        assertThat(brokerDown.await(120, TimeUnit.SECONDS)).as("the broker was stopped").isTrue();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }
            }

            @Override
            public void onPrediction(Prediction p) {
                sentPredictions.computeIfAbsent(p.getDeviceId(), d -> new ArrayList<>()).add(p);
            }
        };
        long maxPendingDuringOutage = 0;
        EdgeStats stats;
        PublisherStats end;
        try (SpooledPublisher publisher = SpooledPublisher.builder()
                .setSpool(Spool.builder().setDirectory(tmp.resolve("spool")).build()).setKafka(settings)
                .optSendTimeout(Duration.ofSeconds(2))
                .optBackoff(ExponentialBackoff.builder().optInitial(Duration.ofMillis(100)).optMax(Duration.ofSeconds(1)).build())
                .build();
             DatasetReplaySource source = DatasetReplaySource.builder().setSessions(sessions).optDevices(3)
                     .optPacer(Pacer.of(8)).optMaxSeconds(96).optName("hapt").build()) {
            WindowClassifier model = MicroBundle.shared();
            EdgeClient client = EdgeClient.builder().setSource(source).optClassifier(model).optPublisher(publisher)
                    .optListener(recorder).build();
            CompletableFuture<EdgeStats> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return client.run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitDelivered(publisher, 150);
            kafka.close(); // stops the broker, keeps its log dir
            brokerDown.countDown();
            // the broker comes back once the outage has demonstrably happened: frames piled up in the spool and the
            // publisher failed and replaced its producer
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            PublisherStats during = publisher.stats();
            while (during.pending() <= 10 || during.failedAttempts() == 0 || during.producerRestarts() == 0) {
                assertThat(System.nanoTime()).as("the outage shows in the publisher: %s", during).isLessThan(deadline);
                assertThat(run).as("the client still runs during the outage").isNotDone();
                Thread.sleep(50);
                during = publisher.stats();
                maxPendingDuringOutage = Math.max(maxPendingDuringOutage, during.pending());
            }
            kafka = EmbeddedKafka.builder().optLogDir(logDir).optPort(port).optNumPartitions(2).build();
            stats = run.get(120, TimeUnit.SECONDS);
            assertThat(publisher.awaitDelivered(Duration.ofSeconds(60))).as("spool drained after the restart").isTrue();
            end = publisher.stats();
        }
        try {
            System.out.println("outage run: " + stats + "\n  max pending during the outage " + maxPendingDuringOutage);
            assertThat(maxPendingDuringOutage).as("frames waited in the spool while the broker was down").isGreaterThan(10);
            assertThat(end.failedAttempts()).as("the publisher saw the outage").isPositive();
            assertThat(end.producerRestarts()).isPositive();
            assertThat(end.rejected()).isZero();
            assertThat(end.spool().droppedRecords()).isZero();
            assertThat(stats.predictions()).isPositive();

            Map<String, List<ImuFrame>> gotFrames = new LinkedHashMap<>();
            int frameRecords = 0;
            for (ConsumerRecord<byte[], byte[]> r : WireConsumer.readAll(kafka.bootstrapServers(), Topics.IMU_FRAMES)) {
                ImuFrame f = WireFormat.IMU_FRAME.decode(r.value());
                assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(f.getDeviceId());
                gotFrames.computeIfAbsent(f.getDeviceId(), d -> new ArrayList<>()).add(f);
                frameRecords++;
            }
            assertThat(gotFrames.keySet()).containsExactlyInAnyOrderElementsOf(sentFrames.keySet());
            long framesSent = 0;
            for (var e : sentFrames.entrySet()) {
                List<ImuFrame> unique = firstOccurrences(e.getValue().size(), gotFrames.get(e.getKey()), f -> f.getSequence());
                List<DeviceFrame> expected = e.getValue();
                assertThat(unique).as("device %s: every frame once, in order", e.getKey()).hasSameSizeAs(expected);
                for (int i = 0; i < expected.size(); i++) {
                    assertThat(unique.get(i).getSequence()).isEqualTo(expected.get(i).sequence()).isEqualTo(i);
                    assertThat(unique.get(i).getFirstSampleEpochMicros()).isEqualTo(expected.get(i).startMicros());
                    assertThat(ImuFrameCodec.channelMajor(unique.get(i))).isDeepEqualTo(expected.get(i).samples());
                }
                framesSent += expected.size();
            }
            Map<String, List<Prediction>> gotPredictions = new LinkedHashMap<>();
            int predictionRecords = 0;
            for (ConsumerRecord<byte[], byte[]> r : WireConsumer.readAll(kafka.bootstrapServers(), Topics.PREDICTIONS)) {
                Prediction p = WireFormat.PREDICTION.decode(r.value());
                gotPredictions.computeIfAbsent(p.getDeviceId(), d -> new ArrayList<>()).add(p);
                predictionRecords++;
            }
            long predictionsSent = 0;
            for (var e : sentPredictions.entrySet()) {
                List<Prediction> unique = firstOccurrences(-1, gotPredictions.get(e.getKey()), Prediction::getWindowStartEpochMicros);
                assertThat(unique).as("device %s: every prediction once, in order", e.getKey())
                        .containsExactlyElementsOf(e.getValue());
                predictionsSent += e.getValue().size();
            }
            System.out.printf("consumed %d frame records for %d frames, %d prediction records for %d predictions%n",
                    frameRecords, framesSent, predictionRecords, predictionsSent);
        } finally {
            kafka.close();
        }
    }

    /**
     * The records in consumption order with repeats of an already seen key dropped; fails if a key appears for the
     * first time after a larger one (out of order).
     */
    static <T> List<T> firstOccurrences(int expectedSize, List<T> records, java.util.function.ToLongFunction<T> key) {
        Set<Long> seen = new HashSet<>();
        List<T> out = new ArrayList<>();
        long last = Long.MIN_VALUE;
        for (T r : records) {
            long k = key.applyAsLong(r);
            if (!seen.add(k)) continue;
            assertThat(k).as("first occurrence of %d after %d", k, last).isGreaterThan(last);
            last = k;
            out.add(r);
        }
        return out;
    }

    private static void awaitDelivered(SpooledPublisher publisher, long records) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (publisher.stats().delivered() < records) {
            assertThat(System.nanoTime()).as("publisher delivered %d records", records).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
