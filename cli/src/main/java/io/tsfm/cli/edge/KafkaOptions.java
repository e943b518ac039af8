package io.tsfm.cli.edge;

import io.tsfm.edge.kafka.KafkaSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The Kafka connection options shared by {@code edge} and {@code fleet}. */
public final class KafkaOptions {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers (may also come from --kafka-config).")
    String bootstrapServers;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "Java properties file of Kafka client settings, e.g. security.protocol, ssl.*, sasl.* (passed through).")
    Path configFile;

    @Option(names = "--kafka-property", paramLabel = "NAME=VALUE",
            description = "One Kafka client setting, applied after --kafka-config; repeatable.")
    Map<String, String> properties = new LinkedHashMap<>();

    /** Whether any way of reaching Kafka was given. */
    boolean given() {
        return bootstrapServers != null || configFile != null;
    }

    /** The settings; fails naming the option or file that is wrong. */
    KafkaSettings settings() throws IOException {
        KafkaSettings.Builder b = KafkaSettings.builder();
        if (bootstrapServers != null) b.setBootstrapServers(bootstrapServers);
        if (configFile != null) b.optPropertiesFile(configFile);
        properties.forEach(b::optProperty);
        try {
            return b.build();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("--bootstrap-servers is required (or bootstrap.servers in --kafka-config)", e);
        }
    }
}
