package io.tsfm.lab.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.storage.Formatter;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A real single-node Kafka 4.1 broker (KRaft, combined broker + controller) running inside this JVM, for the
 * streaming job's local mode, the edge client, the benchmark and tests. No Docker, no ZooKeeper.
 *
 * <p>It formats its storage like {@code kafka-storage format}, then runs {@link KafkaRaftServer} directly: the same
 * server class {@code kafka-server-start} runs. Everything a one-replica cluster needs is set (offsets and transaction
 * state topics with replication factor 1 and min ISR 1 — without them consumer groups and transactions wait forever),
 * and both listeners bind to 127.0.0.1 only.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.builder().optNumPartitions(4).build()) {
 *     kafka.createTopics(Topics.IMU_FRAMES, Topics.PREDICTIONS);
 *     producerProps.put("bootstrap.servers", kafka.bootstrapServers());
 * }
 * }</pre>
 *
 * <p>Thread-safe: {@link #createTopics} may be called from several threads; {@link #close} is idempotent.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final int BIND_ATTEMPTS = 3;
    private static final String META_PROPERTIES = "meta.properties";
    private static final Set<String> BROKER_CONFIGS = Set.copyOf(CollectionConverters.asJava(KafkaConfig.configNames()));

    private final KafkaRaftServer server;
    private final Path logDir;
    private final boolean deleteLogDirOnClose;
    private final int port;
    private final int controllerPort;
    private final String clusterId;
    private final int defaultPartitions;
    private final Duration timeout;
    private Admin admin;
    private boolean closed;

    private EmbeddedKafka(KafkaRaftServer server, Path logDir, boolean deleteLogDirOnClose, int port,
                          int controllerPort, String clusterId, int defaultPartitions, Duration timeout) {
        this.server = server;
        this.logDir = logDir;
        this.deleteLogDirOnClose = deleteLogDirOnClose;
        this.port = port;
        this.controllerPort = controllerPort;
        this.clusterId = clusterId;
        this.defaultPartitions = defaultPartitions;
        this.timeout = timeout;
    }

    /** A builder with defaults: any free port, a temporary log dir removed on close, 1 partition per topic. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@code 127.0.0.1:<port>}, for the clients' {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    /** The broker (client) port. */
    public int port() {
        return port;
    }

    /** The KRaft controller port (internal to the node; clients never use it). */
    public int controllerPort() {
        return controllerPort;
    }

    /** Directory holding the topic logs and the KRaft metadata log. */
    public Path logDir() {
        return logDir;
    }

    /** The cluster id written when the storage was formatted. */
    public String clusterId() {
        return clusterId;
    }

    /** Creates topics with the builder's partition count and returns once their leaders are known. */
    public void createTopics(String... names) {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(new NewTopic(name, defaultPartitions, (short) 1));
        }
        createTopics(topics);
    }

    /**
     * Creates topics (replication factor must be 1 or unset) and returns once every partition has a leader.
     * A topic that already exists is an error unless it has the requested partition count.
     */
    public void createTopics(Collection<NewTopic> topics) {
        Admin a = admin();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (var entry : a.createTopics(topics).values().entrySet()) {
                try {
                    entry.getValue().get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + entry.getKey() + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
            for (NewTopic t : topics) {
                awaitLeaders(a, t, deadline);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("topics not ready within " + timeout + ": " + topics, e);
        }
    }

    private void awaitLeaders(Admin a, NewTopic t, long deadline) throws InterruptedException, TimeoutException {
        while (true) {
            try {
                TopicDescription d = a.describeTopics(List.of(t.name())).allTopicNames()
                        .get(remainingMillis(deadline), TimeUnit.MILLISECONDS).get(t.name());
                if (t.numPartitions() > 0 && d.partitions().size() != t.numPartitions()) {
                    throw new IllegalStateException("topic " + t.name() + " already exists with "
                            + d.partitions().size() + " partitions, not " + t.numPartitions());
                }
                if (d.partitions().stream().map(TopicPartitionInfo::leader).allMatch(l -> l != null && !l.isEmpty())) {
                    return;
                }
            } catch (ExecutionException e) {
                // metadata not propagated to the broker yet (UnknownTopicOrPartition): ask again
            }
            remainingMillis(deadline);
            Thread.sleep(20);
        }
    }

    private static long remainingMillis(long deadline) throws TimeoutException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw new TimeoutException();
        }
        return left;
    }

    private synchronized Admin admin() {
        if (closed) {
            throw new IllegalStateException("EmbeddedKafka is closed");
        }
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
        }
        return admin;
    }

    /** Stops the broker, releases both ports, and deletes the log dir if it was a temporary one. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        stopKeepingFiles();
        if (deleteLogDirOnClose) {
            try {
                Utils.delete(logDir.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("broker stopped but its temp dir " + logDir + " was not removed", e);
            }
        }
    }

    private synchronized void stopKeepingFiles() {
        closed = true;
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
        server.shutdown();
        server.awaitShutdown();
    }

    @Override
    public String toString() {
        return "EmbeddedKafka[" + bootstrapServers() + ", " + logDir + "]";
    }

    /** Builds and starts an {@link EmbeddedKafka}. Setters are optional ({@code optX}); not thread-safe. */
    public static final class Builder {

        private int port;
        private Path logDir;
        private int numPartitions = 1;
        private boolean autoCreateTopics;
        private Duration timeout = Duration.ofSeconds(60);
        private final Map<String, String> overrides = new LinkedHashMap<>();

        private Builder() {
        }

        /** Broker port on 127.0.0.1; 0 (default) picks a free one. */
        public Builder optPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is not in 0..65535");
            }
            this.port = port;
            return this;
        }

        /**
         * Log directory to use and keep. If it already holds this kind of broker's data it is reused as is
         * (topics and records survive a restart); otherwise it is formatted. Default: a temp dir deleted on close.
         */
        public Builder optLogDir(Path logDir) {
            this.logDir = logDir;
            return this;
        }

        /** Partitions of auto-created topics and of {@link #createTopics(String...)}; default 1. */
        public Builder optNumPartitions(int numPartitions) {
            if (numPartitions < 1) {
                throw new IllegalArgumentException("numPartitions " + numPartitions + " is not >= 1");
            }
            this.numPartitions = numPartitions;
            return this;
        }

        /** Whether producing to / subscribing to an unknown topic creates it; default false (typos fail). */
        public Builder optAutoCreateTopics(boolean autoCreateTopics) {
            this.autoCreateTopics = autoCreateTopics;
            return this;
        }

        /** How long start-up and topic creation may take; default 60 s. */
        public Builder optTimeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * Any other broker setting, applied last (e.g. {@code log.retention.ms}). The name must be a Kafka broker
         * config; listeners, node id, roles and log dirs are owned by this class and cannot be overridden.
         */
        public Builder optBrokerProperty(String name, String value) {
            if (!BROKER_CONFIGS.contains(name)) {
                throw new IllegalArgumentException("'" + name + "' is not a Kafka broker config");
            }
            if (OWNED.contains(name)) {
                throw new IllegalArgumentException("'" + name + "' is set by EmbeddedKafka itself");
            }
            overrides.put(name, value);
            return this;
        }

        private static final Set<String> OWNED = Set.of("process.roles", "node.id", "listeners",
                "advertised.listeners", "controller.listener.names", "controller.quorum.voters",
                "controller.quorum.bootstrap.servers", "listener.security.protocol.map", "inter.broker.listener.name",
                "log.dirs", "log.dir", "metadata.log.dir");

        /**
         * Formats the storage if needed, starts the broker and returns once it serves requests.
         *
         * @throws IllegalStateException when the broker does not start (the message says why)
         */
        public EmbeddedKafka build() {
            boolean temp = logDir == null;
            Path dir;
            try {
                dir = temp ? Files.createTempDirectory("tsfm-kafka-") : Files.createDirectories(logDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create Kafka log dir " + (temp ? "in java.io.tmpdir" : logDir), e);
            }
            try {
                return start(dir.toAbsolutePath(), temp);
            } catch (RuntimeException | Error e) {
                if (temp) {
                    try {
                        Utils.delete(dir.toFile());
                    } catch (IOException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                throw e;
            }
        }

        private EmbeddedKafka start(Path dir, boolean temp) {
            String clusterId = existingClusterId(dir);
            boolean format = clusterId == null;
            if (format) {
                clusterId = Uuid.randomUuid().toString();
            }
            RuntimeException last = null;
            for (int attempt = 1; attempt <= BIND_ATTEMPTS; attempt++) {
                int brokerPort = port != 0 ? port : freePort();
                int controllerPort = freePort();
                KafkaConfig config = new KafkaConfig(properties(dir, brokerPort, controllerPort), false);
                if (format) {
                    format(dir, clusterId);
                    format = false;
                }
                KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
                EmbeddedKafka kafka = new EmbeddedKafka(server, dir, temp, brokerPort, controllerPort, clusterId,
                        numPartitions, timeout);
                try {
                    server.startup();
                    kafka.awaitServing();
                    return kafka;
                } catch (RuntimeException e) {
                    try {
                        kafka.stopKeepingFiles();
                    } catch (RuntimeException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                    last = e;
                    // another process took a port we picked between probing and binding: pick again
                    if (!(isBindFailure(e) && port == 0)) {
                        break;
                    }
                }
            }
            throw new IllegalStateException("embedded Kafka did not start in " + dir + ": " + describe(last), last);
        }

        private Properties properties(Path dir, int brokerPort, int controllerPort) {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("process.roles", "broker,controller");
            p.put("node.id", Integer.toString(NODE_ID));
            p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
            p.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
            p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            p.put("controller.listener.names", "CONTROLLER");
            p.put("inter.broker.listener.name", "PLAINTEXT");
            p.put("log.dirs", dir.toString());
            p.put("num.partitions", Integer.toString(numPartitions));
            p.put("auto.create.topics.enable", Boolean.toString(autoCreateTopics));
            // one replica: the internal topics must not ask for three, or groups and transactions hang silently
            p.put("default.replication.factor", "1");
            p.put("min.insync.replicas", "1");
            p.put("offsets.topic.replication.factor", "1");
            p.put("transaction.state.log.replication.factor", "1");
            p.put("transaction.state.log.min.isr", "1");
            p.put("share.coordinator.state.topic.replication.factor", "1");
            p.put("share.coordinator.state.topic.min.isr", "1");
            // fast local start: few internal partitions, no initial rebalance wait, a small cleaner buffer
            p.put("offsets.topic.num.partitions", "1");
            p.put("transaction.state.log.num.partitions", "1");
            p.put("group.initial.rebalance.delay.ms", "0");
            p.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 << 20));
            p.putAll(overrides);
            for (String key : p.keySet()) {
                if (!BROKER_CONFIGS.contains(key)) {
                    throw new IllegalStateException("'" + key + "' is not a Kafka broker config");
                }
            }
            Properties props = new Properties();
            props.putAll(p);
            return props;
        }

        private static void format(Path dir, String clusterId) {
            try {
                new Formatter()
                        .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                        .setNodeId(NODE_ID)
                        .setClusterId(clusterId)
                        .setDirectories(List.of(dir.toString()))
                        .setMetadataLogDirectory(dir.toString())
                        .setControllerListenerName("CONTROLLER")
                        .run();
            } catch (Exception e) {
                throw new IllegalStateException("cannot format Kafka storage in " + dir + ": " + e.getMessage(), e);
            }
        }

        /** The cluster id of an already formatted dir, or null if the dir holds no broker data. */
        private static String existingClusterId(Path dir) {
            Path meta = dir.resolve(META_PROPERTIES);
            if (!Files.exists(meta)) {
                return null;
            }
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(meta)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + meta, e);
            }
            String id = p.getProperty("cluster.id");
            if (id == null || !Integer.toString(NODE_ID).equals(p.getProperty("node.id"))) {
                throw new IllegalStateException(meta + " is not from an EmbeddedKafka (cluster.id=" + id
                        + ", node.id=" + p.getProperty("node.id") + ")");
            }
            return id;
        }

        private static int freePort() {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
                return s.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("no free port on " + HOST, e);
            }
        }

        /** The failure with its causes' messages: Kafka's top message ("acceptors not started") hides the port. */
        private static String describe(Throwable e) {
            StringBuilder b = new StringBuilder(String.valueOf(e.getMessage()));
            String previous = b.toString();
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                String m = t.getMessage();
                if (m != null && !previous.contains(m)) {
                    b.append(" <- ").append(m);
                    previous = m;
                }
            }
            return b.toString();
        }

        private static boolean isBindFailure(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Waits until the broker answers a cluster description with itself in it. */
    private void awaitServing() {
        try {
            var nodes = admin().describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (nodes.isEmpty()) {
                throw new IllegalStateException("broker started but reports no nodes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("broker did not answer within " + timeout, e);
        }
    }
}
