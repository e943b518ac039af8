package io.tsfm.edge.kafka;

import io.tsfm.core.annotation.PublicApi;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the edge client and the fleet simulator reach Kafka: the bootstrap servers, the producer settings that the
 * delivery guarantees rest on, and whatever else the user supplies, from a properties file and single overrides, in
 * that order. Security settings ({@code security.protocol}, {@code ssl.*}, {@code sasl.*}) and tuning pass through
 * untouched.
 *
 * <p>The guarantees are fixed: an idempotent producer ({@code enable.idempotence=true}, {@code acks=all}) with byte
 * array serializers; a setting that would break them is refused with an error naming where it came from. A name
 * that is no Kafka client setting at all is refused too (a typo must not pass silently); a consumer- or admin-only
 * setting in a shared file is ignored with a log line.
 *
 * <p>Immutable and thread-safe.
 */
@PublicApi
public final class KafkaSettings {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSettings.class);

    private static final Set<String> PRODUCER = ProducerConfig.configNames();
    private static final Set<String> OTHER_CLIENTS = union(ConsumerConfig.configNames(), AdminClientConfig.configNames());
    /** Settings this class owns: a user value for them is an error unless it equals ours. */
    private static final Map<String, String> FIXED = Map.of(
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());

    private final String bootstrapServers;
    private final Map<String, String> user;

    private KafkaSettings(String bootstrapServers, Map<String, String> user) {
        this.bootstrapServers = bootstrapServers;
        this.user = Map.copyOf(user);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code host:port[,host:port...]}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The user's settings that pass through to the producer (file, then overrides). */
    public Map<String, String> userProperties() {
        return user;
    }

    /**
     * A fresh set of producer properties: our defaults (short linger, bounded metadata wait, a delivery timeout long
     * enough that the producer never gives up on a record by itself: the publisher decides), then the user's
     * settings, then the fixed guarantees.
     */
    public Properties producerProperties() {
        Properties p = new Properties();
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(24 * 3600 * 1000));
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.RETRIES_CONFIG, Integer.toString(Integer.MAX_VALUE));
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "2000");
        p.putAll(user);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.putAll(FIXED);
        return p;
    }

    /**
     * Consumer properties for reading a control topic with the same connection and security settings: the bootstrap
     * servers, the user's settings that are consumer settings too, byte-array deserializers, committed records only,
     * no group offsets.
     */
    public Properties consumerProperties() {
        Set<String> consumer = ConsumerConfig.configNames();
        Properties p = new Properties();
        p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "2000");
        user.forEach((k, v) -> {
            if (consumer.contains(k)) p.put(k, v);
        });
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    @Override
    public String toString() {
        // values of security settings may be secrets (passwords, JAAS lines): names only
        return "KafkaSettings[" + bootstrapServers + ", user settings " + user.keySet() + "]";
    }

    /** Builds {@link KafkaSettings}; {@link #setBootstrapServers} is required unless the file names them. */
    public static final class Builder {
        private String bootstrapServers;
        private final Map<String, String> user = new LinkedHashMap<>();

        private Builder() {
        }

        /** Kafka bootstrap servers, {@code host:port[,...]}; wins over a file's {@code bootstrap.servers}. */
        public Builder setBootstrapServers(String servers) {
            this.bootstrapServers = Objects.requireNonNull(servers, "servers").trim();
            return this;
        }

        /**
         * Reads a Java properties file of Kafka client settings (e.g. TLS and SASL).
         *
         * @throws IllegalArgumentException naming the file and setting for a name that is no Kafka client setting,
         *                                  or a value that breaks the delivery guarantees
         */
        public Builder optPropertiesFile(Path file) throws IOException {
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            }
            for (String name : new java.util.TreeSet<>(p.stringPropertyNames())) {
                put(name, p.getProperty(name), "Kafka properties file " + file);
            }
            return this;
        }

        /** One setting, applied after the file. */
        public Builder optProperty(String name, String value) {
            put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"), "Kafka setting");
            return this;
        }

        private void put(String name, String value, String where) {
            String key = name.trim();
            String v = value.trim();
            if (key.equals(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
                if (bootstrapServers == null) bootstrapServers = v;
                return;
            }
            if (!PRODUCER.contains(key)) {
                if (OTHER_CLIENTS.contains(key)) {
                    LOG.info("{}: '{}' is not a producer setting; ignored", where, key);
                    return;
                }
                throw new IllegalArgumentException(where + ": '" + key + "' is not a Kafka client setting");
            }
            String fixed = FIXED.get(key);
            if (fixed != null && !sameValue(key, v, fixed)) {
                throw new IllegalArgumentException(where + ": " + key + "=" + v + " is not allowed: the edge client "
                        + "relies on " + key + "=" + fixed + " (idempotent, fully acknowledged delivery)");
            }
            if (key.equals(ProducerConfig.TRANSACTIONAL_ID_CONFIG)) {
                throw new IllegalArgumentException(where + ": " + key + " is not supported: the edge client publishes "
                        + "idempotently without transactions (consumers deduplicate by sequence number)");
            }
            user.put(key, v);
        }

        private static boolean sameValue(String key, String value, String fixed) {
            if (key.equals(ProducerConfig.ACKS_CONFIG)) return value.equals("all") || value.equals("-1");
            return value.toLowerCase(Locale.ROOT).equals(fixed.toLowerCase(Locale.ROOT));
        }

        public KafkaSettings build() {
            if (bootstrapServers == null || bootstrapServers.isBlank()) {
                throw new IllegalStateException("Kafka bootstrap servers are required (setBootstrapServers or "
                        + "bootstrap.servers in the properties file)");
            }
            return new KafkaSettings(bootstrapServers, user);
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> s = new java.util.HashSet<>(a);
        s.addAll(b);
        return Set.copyOf(s);
    }
}
