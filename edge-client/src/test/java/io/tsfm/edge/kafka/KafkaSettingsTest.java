package io.tsfm.edge.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Security settings pass through to a real producer; settings that break the guarantees or are typos are refused. */
class KafkaSettingsTest {

    @Test
    void tlsAndSaslSettingsFromAFilePassThroughToTheProducer(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, """
                # a shared client file: security, tuning, and a consumer-only setting
                bootstrap.servers=broker-from-file:9093
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-512
                sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="dev" password="s3cret";
                ssl.truststore.location=/etc/tsfm/truststore.p12
                ssl.truststore.type=PKCS12
                ssl.endpoint.identification.algorithm=https
                compression.type=lz4
                group.id=ignored-by-producers
                """);
        KafkaSettings settings = KafkaSettings.builder().setBootstrapServers("broker-from-option:9093")
                .optPropertiesFile(file).optProperty("linger.ms", "20").build();
        Properties p = settings.producerProperties();
        assertThat(p.getProperty("bootstrap.servers")).as("the option wins over the file").isEqualTo("broker-from-option:9093");
        assertThat(p.getProperty("security.protocol")).isEqualTo("SASL_SSL");
        assertThat(p.getProperty("sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
        assertThat(p.getProperty("sasl.jaas.config")).contains("ScramLoginModule").contains("password=\"s3cret\"");
        assertThat(p.getProperty("ssl.truststore.location")).isEqualTo("/etc/tsfm/truststore.p12");
        assertThat(p.getProperty("compression.type")).isEqualTo("lz4");
        assertThat(p.getProperty("linger.ms")).isEqualTo("20");
        assertThat(p).doesNotContainKey("group.id");
        assertThat(p.getProperty("enable.idempotence")).isEqualTo("true");
        assertThat(p.getProperty("acks")).isEqualTo("all");
        assertThat(settings.toString()).doesNotContain("s3cret");

        // Kafka's own config parsing accepts the result: a plaintext variant builds a real producer
        Properties plain = KafkaSettings.builder().setBootstrapServers("127.0.0.1:1").optProperty("compression.type", "lz4")
                .build().producerProperties();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(plain)) {
            assertThat(producer.metrics()).isNotEmpty();
        }
    }

    @Test
    void settingsThatBreakTheGuaranteesOrAreNoKafkaSettingAreRefusedWithTheirSource(@TempDir Path dir) throws Exception {
        Path typo = dir.resolve("typo.properties");
        Files.writeString(typo, "security.protocoll=SSL\n");
        assertThatThrownBy(() -> KafkaSettings.builder().setBootstrapServers("h:1").optPropertiesFile(typo))
                .hasMessageContaining(typo.toString()).hasMessageContaining("'security.protocoll' is not a Kafka client setting");
        assertThatThrownBy(() -> KafkaSettings.builder().optProperty("enable.idempotence", "false"))
                .hasMessageContaining("enable.idempotence=false is not allowed");
        assertThatThrownBy(() -> KafkaSettings.builder().optProperty("acks", "1")).hasMessageContaining("acks=1 is not allowed");
        assertThatThrownBy(() -> KafkaSettings.builder().optProperty("transactional.id", "x")).hasMessageContaining("not supported");
        assertThat(KafkaSettings.builder().setBootstrapServers("h:1").optProperty("acks", "-1").build().producerProperties()
                .getProperty("acks")).isEqualTo("all");
        assertThatThrownBy(() -> KafkaSettings.builder().build()).hasMessageContaining("bootstrap servers are required");
    }
}
