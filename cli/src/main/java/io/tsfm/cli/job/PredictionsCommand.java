package io.tsfm.cli.job;

import io.tsfm.schemas.Topics;
import io.tsfm.schemas.WireFormat;
import io.tsfm.schemas.avro.Prediction;
import io.tsfm.schemas.avro.ScoredLabel;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tsfm predictions}: prints the job's predictions as they become visible to a read_committed consumer (after
 * each checkpoint), one line per window.
 */
@Command(name = "predictions", mixinStandardHelpOptions = true,
        description = "Print the streaming job's predictions (read_committed: what each checkpoint commits).")
public final class PredictionsCommand implements Callable<Integer> {
    @Option(names = "--topic", defaultValue = Topics.PREDICTIONS, description = "Predictions topic (default ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--from-beginning", description = "Start at the topic's beginning, not its end.")
    boolean fromBeginning;

    @Option(names = "--seconds", defaultValue = "0", description = "Stop after this many seconds; 0 = until Ctrl-C.")
    double seconds;

    @Option(names = "--max", defaultValue = "0", description = "Stop after this many predictions; 0 = no limit.")
    long max;

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Option(names = "--kafka-property", paramLabel = "NAME=VALUE",
            description = "A Kafka consumer setting (security.protocol, ssl.*, sasl.*, ...); repeatable.")
    Map<String, String> properties = new HashMap<>();

    @Override
    public Integer call() {
        Map<String, Object> config = new HashMap<>(properties);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        long deadline = seconds > 0 ? System.nanoTime() + (long) (seconds * 1e9) : Long.MAX_VALUE;
        long count = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(parts);
            if (fromBeginning) consumer.seekToBeginning(parts);
            else consumer.seekToEnd(parts);
            System.err.println("predictions: reading " + topic + " (" + parts.size() + " partitions, read_committed)");
            while (System.nanoTime() < deadline && (max == 0 || count < max)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    Prediction p;
                    try {
                        p = WireFormat.PREDICTION.decode(r.value());
                    } catch (RuntimeException e) {
                        System.err.println("predictions: " + topic + "-" + r.partition() + "@" + r.offset()
                                + " is not a Prediction: " + e.getMessage());
                        continue;
                    }
                    System.out.println(line(p));
                    if (max > 0 && ++count >= max) break;
                }
            }
        }
        return 0;
    }

    static String line(Prediction p) {
        StringBuilder b = new StringBuilder();
        b.append(p.getDeviceId()).append(' ').append(Instant.ofEpochSecond(0, p.getWindowStartEpochMicros() * 1000))
                .append(" +").append((p.getWindowEndEpochMicros() - p.getWindowStartEpochMicros()) / 1000).append("ms");
        for (ScoredLabel l : p.getTopK()) b.append(String.format(Locale.ROOT, "  %s %.3f", l.getLabel(), l.getScore()));
        if (p.getEndToEndLatencyMicros() != null) {
            b.append(String.format(Locale.ROOT, "  (e2e %.0f ms)", p.getEndToEndLatencyMicros() / 1000.0));
        }
        return b.toString();
    }
}
