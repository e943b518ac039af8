package io.tsfm.lab.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

    private static final String TOPIC = "tsfm.test.transactions";

    @Test
    void transactionsAreIsolatedAndCloseReleasesPortAndTempDir() throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.builder().optNumPartitions(2).build();
        Path dir = kafka.logDir();
        int port = kafka.port();
        int controllerPort = kafka.controllerPort();
        try (kafka) {
            assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            assertThat(dir).isDirectory();
            kafka.createTopics(TOPIC);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                assertThat(admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions())
                        .hasSize(2);
            }

            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tsfm-test-tx",
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000),
                    new StringSerializer(), new StringSerializer())) {
                producer.initTransactions();
                producer.beginTransaction();
                for (int i = 0; i < 3; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, "dev-1", "committed-" + i));
                }
                producer.commitTransaction();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(TOPIC, "dev-1", "aborted-0"));
                producer.send(new ProducerRecord<>(TOPIC, "dev-1", "aborted-1"));
                producer.flush(); // the aborted records really reach the log
                producer.abortTransaction();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(TOPIC, "dev-1", "after-abort"));
                producer.commitTransaction();
            }

            // a consumer group (needs __consumer_offsets with one replica) reading committed data only
            List<String> committed = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "tsfm-test-group",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                    new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(TOPIC));
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (committed.size() < 4 && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        committed.add(r.value());
                    }
                }
                consumer.commitSync(Duration.ofSeconds(10));
                // nothing more arrives: the aborted records stay invisible
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    committed.add(r.value());
                }
            }
            assertThat(committed).containsExactly("committed-0", "committed-1", "committed-2", "after-abort");

            // the same log read uncommitted does hold the aborted records, so the filter above is what hid them
            List<String> all = new ArrayList<>();
            try (KafkaConsumer<String, String> raw = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted"),
                    new StringDeserializer(), new StringDeserializer())) {
                List<TopicPartition> parts = List.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1));
                raw.assign(parts);
                raw.seekToBeginning(parts);
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (all.size() < 6 && System.nanoTime() < deadline) {
                    raw.poll(Duration.ofMillis(200)).forEach(r -> all.add(r.value()));
                }
            }
            assertThat(all).containsExactly("committed-0", "committed-1", "committed-2", "aborted-0", "aborted-1",
                    "after-abort");
        }
        assertThat(canBind(port)).as("broker port %d released", port).isTrue();
        assertThat(canBind(controllerPort)).as("controller port %d released", controllerPort).isTrue();
        assertThat(dir).doesNotExist();
        kafka.close(); // idempotent
        assertThatThrownBy(() -> kafka.createTopics("late")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aGivenLogDirIsKeptAndReusedAcrossRestarts(@TempDir Path root) throws Exception {
        Path dir = root.resolve("broker");
        String clusterId;
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().optLogDir(dir).build()) {
            clusterId = kafka.clusterId();
            kafka.createTopics(List.of(new NewTopic("tsfm.test.kept", 1, (short) 1)));
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("tsfm.test.kept", "k", "survives")).get();
            }
        }
        assertThat(dir.resolve("meta.properties")).isRegularFile();
        try (EmbeddedKafka again = EmbeddedKafka.builder().optLogDir(dir).build();
             KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, again.bootstrapServers()),
                     new StringDeserializer(), new StringDeserializer())) {
            assertThat(again.clusterId()).isEqualTo(clusterId);
            TopicPartition tp = new TopicPartition("tsfm.test.kept", 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
            assertThat(values).containsExactly("survives");
        }
        assertThat(dir).isDirectory();
    }

    @Test
    void unknownOrOwnedBrokerPropertiesAreRejectedUpFront() {
        assertThatThrownBy(() -> EmbeddedKafka.builder().optBrokerProperty("log.retention.hourz", "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("log.retention.hourz");
        assertThatThrownBy(() -> EmbeddedKafka.builder().optBrokerProperty("listeners", "PLAINTEXT://0.0.0.0:9092"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("set by EmbeddedKafka");
        assertThat(EmbeddedKafka.builder().optBrokerProperty("log.retention.ms", "60000")).isNotNull();
    }

    @Test
    void aTakenPortIsAClearErrorAndLeavesNothingBehind() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Set<Path> before = kafkaTempDirs();
            assertThatThrownBy(() -> EmbeddedKafka.builder().optPort(port).build())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("embedded Kafka did not start")
                    .hasMessageContaining(Integer.toString(port));
            assertThat(kafkaTempDirs()).isEqualTo(before);
        }
    }

    private static Set<Path> kafkaTempDirs() throws IOException {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("tsfm-kafka-"))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    private static boolean canBind(int port) throws IOException {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort() == port;
        } catch (java.net.BindException e) {
            return false;
        }
    }
}
