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
import org.apache.kafka.common.errors.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

/**
 * {@code tsfm predictions}: prints the job's predictions as they become visible to a read_committed consumer (after
 * each checkpoint), one line per window: from the topic's beginning unless {@code --from-end}, so what a job already
 * produced shows too. A broker that cannot be reached, at the start or later, ends the command with one line after
 * {@code --retry-seconds}, not a stream of client warnings.
 */
@Command(name = "predictions", mixinStandardHelpOptions = true,
        description = {"Print the streaming job's predictions (read_committed: what each checkpoint commits).",
            "Starts at the topic's beginning, so predictions the job already made are shown (--from-end: only new "
                + "ones). Stops with an error when the broker cannot be reached for --retry-seconds."})
public final class PredictionsCommand implements Callable<Integer> {
    @Option(names = "--topic", defaultValue = Topics.PREDICTIONS, description = "Predictions topic (default ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--from-beginning", description = "Start at the topic's beginning (the default).")
    boolean fromBeginning;

    @Option(names = "--from-end", description = "Start at the topic's end: only predictions made from now on.")
    boolean fromEnd;

    @Option(names = "--seconds", defaultValue = "0", description = "Stop after this many seconds; 0 = until Ctrl-C.")
    double seconds;

    @Option(names = "--max", defaultValue = "0", description = "Stop after this many predictions; 0 = no limit.")
    long max;

    @Option(names = "--retry-seconds", defaultValue = "30", paramLabel = "S",
            description = "Give up when the broker has not answered for this long (default ${DEFAULT-VALUE}).")
    double retrySeconds;

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Option(names = "--kafka-property", paramLabel = "NAME=VALUE",
            description = "A Kafka consumer setting (security.protocol, ssl.*, sasl.*, ...); repeatable.")
    Map<String, String> properties = new HashMap<>();

    @Spec
    CommandSpec spec;

    /** How often the consumer checks that the broker still answers while no record arrives. */
    private static final long CHECK_NANOS = 1_000_000_000L;

    @Override
    public Integer call() {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) throw usage("--seconds must be a number >= 0 (0 = until "
                + "Ctrl-C), got " + seconds);
        if (max < 0) throw usage("--max must be >= 0 (0 = no limit), got " + max);
        if (!(retrySeconds > 0) || Double.isInfinite(retrySeconds)) throw usage("--retry-seconds must be > 0, got "
                + retrySeconds);
        if (fromBeginning && fromEnd) throw usage("--from-beginning and --from-end exclude each other");
        Map<String, Object> config = new HashMap<>(properties);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        long deadline = seconds > 0 ? System.nanoTime() + (long) (seconds * 1e9) : Long.MAX_VALUE;
        Duration retry = Duration.ofMillis(Math.max(1, Math.round(retrySeconds * 1000)));
        long count = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts;
            try {
                parts = consumer.partitionsFor(topic, retry).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
            } catch (TimeoutException e) {
                throw new IllegalStateException("cannot reach Kafka at " + bootstrapServers + ": no answer within "
                        + retry.toSeconds() + " s (--retry-seconds)");
            }
            if (parts.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist at " + bootstrapServers
                        + " (has the job run there? see --topic)");
            }
            consumer.assign(parts);
            if (fromEnd) consumer.seekToEnd(parts);
            else consumer.seekToBeginning(parts);
            System.err.println("predictions: reading " + topic + " from its " + (fromEnd ? "end" : "beginning")
                    + " (" + parts.size() + " partitions, read_committed)");
            long lastAnswer = System.nanoTime();
            long lastCheck = lastAnswer;
            while (System.nanoTime() < deadline && (max == 0 || count < max)) {
                var records = consumer.poll(Duration.ofMillis(200));
                long now = System.nanoTime();
                if (!records.isEmpty()) {
                    lastAnswer = now;
                } else if (now - lastCheck >= CHECK_NANOS) {
                    // poll() itself never says the broker is gone: ask for the end offsets, which must be answered
                    lastCheck = now;
                    try {
                        consumer.endOffsets(parts, Duration.ofMillis(500));
                        lastAnswer = System.nanoTime();
                    } catch (TimeoutException e) {
                        if (System.nanoTime() - lastAnswer >= retry.toNanos()) {
                            throw new IllegalStateException("lost the Kafka broker at " + bootstrapServers
                                    + ": no answer for " + retry.toSeconds() + " s (--retry-seconds); " + count
                                    + " predictions printed");
                        }
                    }
                }
                for (ConsumerRecord<byte[], byte[]> r : records) {
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

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
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
