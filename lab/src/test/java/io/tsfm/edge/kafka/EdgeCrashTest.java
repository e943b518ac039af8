package io.tsfm.edge.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.edge.spool.RecoveryEvent;
import io.tsfm.edge.spool.Spool;
import io.tsfm.edge.testing.WireConsumer;
import io.tsfm.lab.kafka.EmbeddedKafka;
import io.tsfm.schemas.Topics;
import io.tsfm.schemas.WireFormat;
import io.tsfm.schemas.avro.ImuFrame;
import io.tsfm.schemas.avro.Prediction;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the edge client (a child JVM, {@code destroyForcibly}) while it writes: first with the broker unreachable, so
 * everything piles up in the spool, then again with the broker up, while the backlog is being delivered. After each
 * kill the spool reopens cut at its last intact record, the next run continues the sequence numbers without reusing
 * one, and in the end a read_committed consumer finds, after deduplication, every frame the client had confirmed,
 * numbered 0, 1, 2, ... without a gap, and every confirmed prediction, each once and in order.
 */
class EdgeCrashTest {

    private record Child(Process process, AtomicLong start, ConcurrentSkipListSet<Long> frames,
                         ConcurrentSkipListSet<Long> predictions, StringBuffer other, Thread reader) {
        long lastFrame() {
            return frames.isEmpty() ? -1 : frames.last();
        }
    }

    @Test
    void killedClientLosesNoConfirmedRecord(@TempDir Path tmp) throws Exception {
        Path spoolDir = tmp.resolve("spool");
        int port = freePort();
        String bootstrap = "127.0.0.1:" + port;
        Random random = new Random(7);
        List<Long> confirmedFrames = new ArrayList<>();
        List<Long> confirmedPredictions = new ArrayList<>();

        // round 1: no broker at all
        Child first = start(spoolDir, bootstrap, 0);
        awaitFrames(first, 300);
        Thread.sleep(random.nextInt(300));
        kill(first);
        confirmedFrames.addAll(first.frames());
        confirmedPredictions.addAll(first.predictions());
        assertThat(first.start().get()).isZero();

        try (EmbeddedKafka kafka = EmbeddedKafka.builder().optPort(port).optNumPartitions(1).build()) {
            kafka.createTopics(Topics.IMU_FRAMES, Topics.PREDICTIONS);

            // round 2: broker up; killed while the backlog and new frames are being delivered
            Child second = start(spoolDir, bootstrap, 1);
            awaitFrames(second, 300);
            Thread.sleep(300 + random.nextInt(300));
            kill(second);
            assertThat(second.start().get()).as("sequence numbers continue after the last surviving frame, none reused")
                    .isGreaterThan(first.lastFrame());
            confirmedFrames.addAll(second.frames());
            confirmedPredictions.addAll(second.predictions());

            // round 3: recover in process and deliver what is left
            long nextSequence;
            try (SpooledPublisher publisher = SpooledPublisher.builder()
                    .setSpool(Spool.builder().setDirectory(spoolDir).build())
                    .setKafka(KafkaSettings.builder().setBootstrapServers(bootstrap).build()).build()) {
                PublisherStats recovered = publisher.stats();
                System.out.println("after two kills: " + recovered.spool() + ", next sequence "
                        + publisher.nextSequences());
                nextSequence = publisher.nextSequences().get("synthetic-0");
                assertThat(nextSequence).isGreaterThan(second.lastFrame());
                assertThat(publisher.awaitDelivered(Duration.ofSeconds(60))).isTrue();
            }
            try (Spool reopened = Spool.builder().setDirectory(spoolDir).build()) {
                for (RecoveryEvent e : reopened.recoveryEvents()) {
                    assertThat(e.kind()).isEqualTo(RecoveryEvent.Kind.TORN_TAIL);
                }
                assertThat(reopened.stats().records()).isZero();
            }

            List<Long> sequences = new ArrayList<>();
            long frameRecords = 0;
            for (ConsumerRecord<byte[], byte[]> r : WireConsumer.readAll(bootstrap, Topics.IMU_FRAMES)) {
                ImuFrame f = WireFormat.IMU_FRAME.decode(r.value());
                assertThat(f.getDeviceId()).isEqualTo("synthetic-0");
                sequences.add(f.getSequence());
                frameRecords++;
            }
            List<Long> unique = BrokerOutageTest.firstOccurrences(-1, sequences, s -> s);
            assertThat(unique).as("frames 0..n-1, each once, in order").hasSize((int) nextSequence);
            for (int i = 0; i < unique.size(); i++) assertThat(unique.get(i)).isEqualTo(i);
            assertThat(unique).containsAll(confirmedFrames);

            List<Long> windows = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : WireConsumer.readAll(bootstrap, Topics.PREDICTIONS)) {
                windows.add(WireFormat.PREDICTION.decode(r.value()).getWindowStartEpochMicros());
            }
            List<Long> uniqueWindows = BrokerOutageTest.firstOccurrences(-1, windows, w -> w);
            assertThat(uniqueWindows).containsAll(confirmedPredictions);
            assertThat(confirmedPredictions).doesNotHaveDuplicates();
            System.out.printf("confirmed %d frames and %d predictions over two kills; consumed %d frame records (%d "
                            + "repeats removed) for %d frames, %d prediction records for %d windows%n",
                    confirmedFrames.size(), confirmedPredictions.size(), frameRecords, frameRecords - unique.size(),
                    unique.size(), windows.size(), uniqueWindows.size());
        }
    }

    /** Event time of round {@code round}'s first sample: rounds 10^4 s apart, so their windows never overlap. */
    private static final long BASE_MICROS = 1_700_000_000_000_000L;

    private static Child start(Path spool, String bootstrap, int round) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlog4j2.configurationFile=log4j2-test.xml", "-cp", classpath, EdgeCrashChild.class.getName(),
                spool.toString(), bootstrap, "200",
                Long.toString(BASE_MICROS + round * 10_000_000_000L)).redirectErrorStream(true).start();
        Child child = new Child(p, new AtomicLong(-1), new ConcurrentSkipListSet<>(), new ConcurrentSkipListSet<>(),
                new StringBuffer(), null);
        Thread reader = new Thread(() -> read(child));
        reader.setDaemon(true);
        reader.start();
        return new Child(p, child.start(), child.frames(), child.predictions(), child.other(), reader);
    }

    private static void read(Child child) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.process().getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                try {
                    if (line.startsWith("FRAME ")) child.frames().add(Long.parseLong(line.substring(6)));
                    else if (line.startsWith("PRED ")) child.predictions().add(Long.parseLong(line.substring(5)));
                    else if (line.startsWith("START ")) child.start().set(Long.parseLong(line.substring(6)));
                    else if (child.other().length() < 20_000) child.other().append(line).append('\n');
                } catch (NumberFormatException e) {
                    child.other().append("[cut by the kill] ").append(line).append('\n');
                }
            }
        } catch (IOException e) {
            child.other().append("[reader] ").append(e).append('\n');
        }
    }

    private static void awaitFrames(Child child, int frames) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (child.frames().size() < frames) {
            assertThat(child.process().isAlive()).as("child running; its output:\n%s", child.other()).isTrue();
            assertThat(System.nanoTime()).as("child made %d frames; output:\n%s", frames, child.other()).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static void kill(Child child) throws InterruptedException {
        assertThat(child.process().isAlive()).as("child still writing; output:\n%s", child.other()).isTrue();
        child.process().destroyForcibly();
        assertThat(child.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
        child.reader().join(10_000);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
