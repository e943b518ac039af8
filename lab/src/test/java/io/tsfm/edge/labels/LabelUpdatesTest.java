package io.tsfm.edge.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tsfm.core.labels.DefaultLabels;
import io.tsfm.core.runtime.LabelSet;
import io.tsfm.core.serving.LabelSetEntry;
import io.tsfm.core.testing.MicroBundle;
import io.tsfm.core.time.Clocks;
import io.tsfm.edge.EdgeClient;
import io.tsfm.edge.EdgeListener;
import io.tsfm.edge.EdgeStats;
import io.tsfm.edge.frame.DeviceFrame;
import io.tsfm.edge.kafka.KafkaSettings;
import io.tsfm.lab.replay.DatasetReplaySource;
import io.tsfm.edge.source.FrameSource;
import io.tsfm.edge.source.Pacer;
import io.tsfm.edge.testing.Hapt;
import io.tsfm.lab.kafka.EmbeddedKafka;
import io.tsfm.schemas.Topics;
import io.tsfm.schemas.WireFormat;
import io.tsfm.schemas.avro.LabelSetUpdate;
import io.tsfm.schemas.avro.Prediction;
import io.tsfm.schemas.avro.ScoredLabel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Label-set updates reach the edge client through a real (KRaft) broker while it replays real HAPT recordings and
 * classifies them with the shipped micro bundle: updates published mid-run change the labels of the windows that
 * follow, per device as the streaming job picks them (a set naming the device beats a global one), a stale version
 * is ignored, a record that does not decode and one with an empty label list are skipped without stopping the
 * follower, and a restarted client with no broker scores against the sets it was last sent.
 */
class LabelUpdatesTest {
    private static final List<String> GLOBAL_V2 = List.of("walking", "sitting", "lying", "climbing_stairs");
    private static final List<String> GLOBAL_V1 = List.of("running", "cycling");
    private static final List<String> DEVICE_1 = List.of("standing", "walking_upstairs", "jumping");

    @Test
    void updatesApplyMidRunPerDeviceAndSurviveARestartWithoutBroker(@TempDir Path tmp) throws Exception {
        Path state = tmp.resolve("state");
        List<Prediction> predictions = new ArrayList<>();
        int[] switchedAt = {-1};
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().optLogDir(tmp.resolve("kafka")).build()) {
            kafka.createTopics(Topics.LABEL_SETS);
            KafkaSettings settings = KafkaSettings.builder().setBootstrapServers(kafka.bootstrapServers()).build();
            LabelSets sets = new LabelSets(new LabelSet(DefaultLabels.ID, 0, DefaultLabels.TEXTS));
            LabelSetStore store = new LabelSetStore(state);
            try (LabelSetFollower follower = LabelSetFollower.builder().setLabelSets(sets).setKafka(settings)
                    .optStore(store).optRetry(Duration.ofMillis(200)).build().start();
                 KafkaProducer<byte[], byte[]> producer = producer(kafka.bootstrapServers());
                 FrameSource replay = replay(40)) {
                // once six windows are predicted, the operator publishes; the source holds the next frame until the
                // follower has seen every record, so the windows after it are scored with what it took
                FrameSource source = new HoldingSource(replay, () -> predictions.size() >= 6, () -> {
                    send(producer, "default", "not a LabelSetUpdate".getBytes(StandardCharsets.UTF_8));
                    send(producer, "default", unchecked(update("default", 3, List.of(), null)));
                    send(producer, "default", WireFormat.LABEL_SET_UPDATE.encode(update("default", 2, GLOBAL_V2, null)));
                    send(producer, "default", WireFormat.LABEL_SET_UPDATE.encode(update("default", 1, GLOBAL_V1, null)));
                    send(producer, "dev-1-set", WireFormat.LABEL_SET_UPDATE.encode(update("dev-1-set", 0, DEVICE_1,
                            List.of("dev-1"))));
                    producer.flush();
                    awaitStats(follower, new LabelSetFollower.Stats(2, 1, 2));
                    switchedAt[0] = predictions.size();
                });
                EdgeStats stats = EdgeClient.builder().setSource(source).optClassifier(MicroBundle.shared())
                        .optLabelSets(sets).optListener(collect(predictions)).build().run();
                assertThat(stats.predictions()).isEqualTo(predictions.size());
                assertThat(follower.stats()).isEqualTo(new LabelSetFollower.Stats(2, 1, 2));
            }
            assertThat(switchedAt[0]).as("the updates were published mid-run").isBetween(6, predictions.size() - 10);
            List<Prediction> before = predictions.subList(0, switchedAt[0]);
            List<Prediction> after = predictions.subList(switchedAt[0], predictions.size());
            assertThat(before).allSatisfy(p -> {
                assertThat(p.getLabelSetId()).isEqualTo("default");
                assertThat(p.getLabelSetVersion()).isZero();
                assertThat(labels(p)).hasSize(3).isSubsetOf(DefaultLabels.TEXTS);
            });
            assertScoredBy(after, "dev-0", "default", 2, GLOBAL_V2);
            assertScoredBy(after, "dev-1", "dev-1-set", 0, DEVICE_1);
        }

        // the broker is gone: a restarted client starts from the stored sets, not from its --labels
        assertThat(Files.exists(state.resolve(LabelSetStore.FILE))).isTrue();
        LabelSets restarted = new LabelSets(new LabelSet(DefaultLabels.ID, 0, DefaultLabels.TEXTS));
        assertThat(new LabelSetStore(state).restoreInto(restarted)).isEqualTo(2);
        List<Prediction> offline = new ArrayList<>();
        try (FrameSource replay = replay(20)) {
            EdgeClient.builder().setSource(replay).optClassifier(MicroBundle.shared()).optLabelSets(restarted)
                    .optListener(collect(offline)).build().run();
        }
        assertThat(offline).isNotEmpty();
        assertScoredBy(offline, "dev-0", "default", 2, GLOBAL_V2);
        assertScoredBy(offline, "dev-1", "dev-1-set", 0, DEVICE_1);
    }

    @Test
    void aDamagedStoreIsAnErrorNamingTheFile(@TempDir Path tmp) throws Exception {
        LabelSetStore store = new LabelSetStore(tmp);
        assertThat(store.load()).isEmpty();
        LabelSetEntry set = LabelSetEntry.of(update("gym", 4, GLOBAL_V2, List.of("watch-7")));
        store.save(List.of(set));
        assertThat(store.load()).containsExactly(set);
        byte[] bytes = Files.readAllBytes(store.file());
        bytes[bytes.length / 2] ^= 0x20;
        Files.write(store.file(), bytes);
        assertThatThrownBy(store::load).isInstanceOf(IOException.class)
                .hasMessageContaining(store.file().toString()).hasMessageContaining("checksum");
    }

    private static void assertScoredBy(List<Prediction> predictions, String device, String id, long version,
            List<String> texts) {
        List<Prediction> mine = predictions.stream().filter(p -> p.getDeviceId().equals(device)).toList();
        assertThat(mine).as("predictions of %s", device).hasSizeGreaterThan(3);
        assertThat(mine).allSatisfy(p -> {
            assertThat(p.getLabelSetId()).isEqualTo(id);
            assertThat(p.getLabelSetVersion()).isEqualTo(version);
            assertThat(labels(p)).hasSize(3).isSubsetOf(texts);
        });
    }

    private static List<String> labels(Prediction p) {
        return p.getTopK().stream().map(ScoredLabel::getLabel).toList();
    }

    private static DatasetReplaySource replay(double seconds) {
        return DatasetReplaySource.builder().setSessions(Hapt.dataset().sessions().subList(0, 12)).optDevices(2)
                .optDevicePrefix("dev-").optPacer(Pacer.unpaced()).optMaxSeconds(seconds).optName("hapt").build();
    }

    private static EdgeListener collect(List<Prediction> into) {
        return new EdgeListener() {
            @Override
            public void onPrediction(Prediction p) {
                into.add(p);
            }
        };
    }

    private static LabelSetUpdate update(String id, long version, List<String> labels, List<String> scope) {
        return LabelSetUpdate.newBuilder().setLabelSetId(id).setVersion(version).setLabels(labels)
                .setDeviceScope(scope).setIssuedAtEpochMicros(Clocks.nowMicros()).build();
    }

    /** The single-object encoding without the wire rules (WireFormat refuses to write an empty label list). */
    private static byte[] unchecked(LabelSetUpdate u) {
        ByteBuffer b;
        try {
            b = LabelSetUpdate.getEncoder().encode(u);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(Topics.LABEL_SETS, key.getBytes(StandardCharsets.UTF_8), value))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitStats(LabelSetFollower follower, LabelSetFollower.Stats expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!follower.stats().equals(expected)) {
            assertThat(System.nanoTime()).as("follower stats %s, expected %s", follower.stats(), expected)
                    .isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A source that runs {@code action} once, before handing out the frame after {@code when} became true. */
    private static final class HoldingSource implements FrameSource {
        private final FrameSource inner;
        private final java.util.function.BooleanSupplier when;
        private final Runnable action;
        private boolean done;

        HoldingSource(FrameSource inner, java.util.function.BooleanSupplier when, Runnable action) {
            this.inner = inner;
            this.when = when;
            this.action = action;
        }

        @Override
        public DeviceFrame next() throws IOException, InterruptedException {
            if (!done && when.getAsBoolean()) {
                done = true;
                action.run();
            }
            return inner.next();
        }

        @Override
        public String describe() {
            return inner.describe();
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }
}
