package io.tsfm.job;

import io.tsfm.core.annotation.PublicApi;
import io.tsfm.core.labels.DefaultLabels;
import io.tsfm.schemas.Topics;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Every setting of the streaming job, each a job argument {@code --name value} (or {@code --name=value}; flags take
 * no value), parsed without a CLI library so the job jar runs unchanged under {@code flink run}. {@link #parse}
 * checks every value and names the argument in its error; {@link #usage()} lists them all with their defaults.
 * Immutable; serializable.
 *
 * @param bootstrapServers         Kafka bootstrap servers (required unless {@code --embedded})
 * @param framesTopic              topic of {@code ImuFrame}s
 * @param labelSetsTopic           control topic of {@code LabelSetUpdate}s
 * @param predictionsTopic         topic the {@code Prediction}s go to
 * @param deadLettersTopic         topic the {@code DeadLetter}s go to
 * @param groupId                  consumer group of both sources (offsets are committed on checkpoints)
 * @param startingOffsets          {@code committed} (falling back to earliest), {@code earliest} or {@code latest}
 * @param bounded                  stop at the offsets that are the latest when the job starts (replays, tests)
 * @param windowMillis             window length
 * @param hopMillis                window hop
 * @param maxGapMillis             longest run of missing samples the windowing interpolates
 * @param minCoverage              smallest fraction of a window's samples that must be real
 * @param outOfOrdernessMillis     per-device bound: how far behind its device's newest frame start a frame may still
 *                                 arrive (each device's windows fire on its own clock)
 * @param idleTimeoutMillis        processing time without a frame after which a device's open windows are closed;
 *                                 0 = never (then only the end of a bounded input closes them)
 * @param watermarkIntervalMillis  how often sources report how far Kafka has been read (ingest watermarks, used to
 *                                 tell an idle device from one held up in a backlog; event time is per device)
 * @param maxFutureMillis          frames ending further ahead of the job's clock are dead-lettered: a sanity bound on
 *                                 broken clocks (a device minutes ahead is served; one a day ahead is not)
 * @param maxBatch                 most windows per classifier call
 * @param maxWaitMillis            longest a window waits for its batch to fill
 * @param topK                     labels per prediction
 * @param smoothWindows            average scores over a device's last k windows; 1 = no smoothing
 * @param labelSetId               id of the default label set
 * @param labels                   the default label set's texts
 * @param deviceDescription        text put before every channel description ("device + channel"); empty for none
 * @param model                    model bundle directory, passed to the classifier factory
 * @param classifierFactory        {@code ClassifierFactory} class; none = the built-in bundle classifier over
 *                                 {@code model}
 * @param inferenceThreads         ONNX Runtime threads of each inference task's bundle classifier; 0 = ONNX Runtime's
 *                                 default (one per core)
 * @param checkpointIntervalMillis checkpoint interval; predictions become visible to read_committed consumers when
 *                                 the checkpoint after them completes
 * @param checkpointDir            where checkpoints are written (a path or file:// URI), kept when the job is
 *                                 cancelled so it can restart from its last one; null = the cluster's setting (in
 *                                 memory on a MiniCluster)
 * @param restoreFrom              checkpoint or savepoint directory the job starts from; null = a fresh start
 * @param exactlyOnce              Kafka transactions for both sinks (true) or at-least-once (false)
 * @param transactionalIdPrefix    prefix of the sinks' Kafka transactional ids; unique per job on a cluster
 * @param transactionTimeoutMillis Kafka producer transaction timeout (at most the broker's transaction.max.timeout.ms)
 * @param parallelism              job parallelism; 0 = the environment's default
 * @param jobName                  Flink job name
 * @param kafkaProperties          extra Kafka client properties for sources and sinks (security, ...)
 * @param embedded                 start an in-process Kafka broker and MiniCluster (lab's {@code EmbeddedRunner}; ./tsfm job)
 * @param kafkaPort                port of the embedded broker; 0 = any free port
 * @param partitions               partitions of the topics the embedded runner creates
 * @param cluster                  {@code host:port} of a Flink cluster's REST endpoint to submit to
 * @param jar                      job jar shipped to {@code --cluster}; default: the jar this class was loaded from
 */
@PublicApi
public record JobOptions(
        String bootstrapServers, String framesTopic, String labelSetsTopic, String predictionsTopic,
        String deadLettersTopic, String groupId, String startingOffsets, boolean bounded,
        long windowMillis, long hopMillis, long maxGapMillis, double minCoverage,
        long outOfOrdernessMillis, long idleTimeoutMillis, long watermarkIntervalMillis, long maxFutureMillis,
        int maxBatch, long maxWaitMillis, int topK, int smoothWindows,
        String labelSetId, List<String> labels, String deviceDescription, String model, String classifierFactory,
        int inferenceThreads, long checkpointIntervalMillis, String checkpointDir, String restoreFrom,
        boolean exactlyOnce, String transactionalIdPrefix,
        long transactionTimeoutMillis, int parallelism, String jobName, Map<String, String> kafkaProperties,
        boolean embedded, int kafkaPort, int partitions, String cluster, String jar) implements Serializable {

    public JobOptions {
        labels = List.copyOf(labels);
        kafkaProperties = Map.copyOf(kafkaProperties);
    }

    /** The defaults (no bootstrap servers). */
    public static JobOptions defaults() {
        return parse();
    }

    /**
     * Parses job arguments.
     *
     * @throws IllegalArgumentException naming the argument, for an unknown name, a missing or bad value
     */
    public static JobOptions parse(String... args) {
        Parser p = new Parser();
        p.parse(args);
        return p.build();
    }

    /** Whether {@code args} ask for the usage text. */
    public static boolean wantsHelp(String... args) {
        return Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h");
    }

    /** Every argument with its meaning and default. */
    public static String usage() {
        StringBuilder b = new StringBuilder("TSFM streaming job arguments (--name value or --name=value):\n");
        for (Option o : Parser.OPTIONS.values()) {
            b.append(String.format(Locale.ROOT, "  --%-26s %s%n", o.name + (o.flag ? "" : " " + o.arg), o.help));
        }
        return b.toString();
    }

    /** The window hop in µs. */
    public long hopMicros() {
        return hopMillis * 1000L;
    }

    /** A copy pointing at other bootstrap servers (the embedded runner fills in its broker). */
    public JobOptions withBootstrapServers(String servers) {
        return new JobOptions(servers, framesTopic, labelSetsTopic, predictionsTopic, deadLettersTopic, groupId,
                startingOffsets, bounded, windowMillis, hopMillis, maxGapMillis, minCoverage, outOfOrdernessMillis,
                idleTimeoutMillis, watermarkIntervalMillis, maxFutureMillis, maxBatch, maxWaitMillis, topK,
                smoothWindows, labelSetId, labels, deviceDescription, model, classifierFactory,
                inferenceThreads, checkpointIntervalMillis, checkpointDir, restoreFrom, exactlyOnce,
                transactionalIdPrefix, transactionTimeoutMillis, parallelism, jobName, kafkaProperties, embedded,
                kafkaPort, partitions, cluster, jar);
    }

    /** Checks what only makes sense for a job that runs (not for --help): Kafka servers present. */
    public void requireRunnable() {
        if (!embedded && (bootstrapServers == null || bootstrapServers.isBlank())) {
            throw new IllegalArgumentException("--bootstrap-servers is required (or --embedded for a local broker)");
        }
    }

    private record Option(String name, String arg, boolean flag, String help, BiConsumer<Parser, String> set) {
    }

    /** Mutable state of one parse. */
    private static final class Parser {
        private static final Map<String, Option> OPTIONS = new LinkedHashMap<>();

        private static void opt(String name, String arg, String help, BiConsumer<Parser, String> set) {
            OPTIONS.put(name, new Option(name, arg, false, help, set));
        }

        private static void flag(String name, String help, BiConsumer<Parser, String> set) {
            OPTIONS.put(name, new Option(name, "", true, help, set));
        }

        static {
            opt("bootstrap-servers", "HOST:PORT", "Kafka bootstrap servers (required unless --embedded)",
                    (p, v) -> p.bootstrapServers = v);
            opt("frames-topic", "TOPIC", "ImuFrame topic (default " + Topics.IMU_FRAMES + ")",
                    (p, v) -> p.framesTopic = nonBlank("frames-topic", v));
            opt("label-sets-topic", "TOPIC", "LabelSetUpdate control topic (default " + Topics.LABEL_SETS + ")",
                    (p, v) -> p.labelSetsTopic = nonBlank("label-sets-topic", v));
            opt("predictions-topic", "TOPIC", "Prediction topic (default " + Topics.PREDICTIONS + ")",
                    (p, v) -> p.predictionsTopic = nonBlank("predictions-topic", v));
            opt("dead-letters-topic", "TOPIC", "DeadLetter topic (default " + Topics.DEAD_LETTERS + ")",
                    (p, v) -> p.deadLettersTopic = nonBlank("dead-letters-topic", v));
            opt("group-id", "ID", "consumer group of the sources (default tsfm-streaming-job)",
                    (p, v) -> p.groupId = nonBlank("group-id", v));
            opt("starting-offsets", "MODE", "committed (then earliest), earliest or latest (default committed)",
                    (p, v) -> p.startingOffsets = oneOf("starting-offsets", v, "committed", "earliest", "latest"));
            flag("bounded", "stop at the latest offsets as of job start (replays)", (p, v) -> p.bounded = true);
            opt("window-ms", "MS", "window length (default 6000, the spec's streaming window)",
                    (p, v) -> p.windowMillis = positive("window-ms", v));
            opt("hop-ms", "MS", "window hop (default 2000)", (p, v) -> p.hopMillis = positive("hop-ms", v));
            opt("max-gap-ms", "MS", "longest interpolated run of missing samples (default 500)",
                    (p, v) -> p.maxGapMillis = nonNegative("max-gap-ms", v));
            opt("min-coverage", "FRACTION", "smallest fraction of real samples in a window, in (0,1] (default 0.8)",
                    (p, v) -> p.minCoverage = fraction("min-coverage", v));
            opt("out-of-orderness-ms", "MS", "per-device out-of-orderness bound (default 500)",
                    (p, v) -> p.outOfOrdernessMillis = nonNegative("out-of-orderness-ms", v));
            opt("idle-timeout-ms", "MS", "close a silent device's open windows after this long without a frame "
                    + "(processing time); 0 = never (default 10000)",
                    (p, v) -> p.idleTimeoutMillis = nonNegative("idle-timeout-ms", v));
            opt("watermark-interval-ms", "MS", "how often sources report their Kafka read progress (default 100)",
                    (p, v) -> p.watermarkIntervalMillis = positive("watermark-interval-ms", v));
            opt("max-future-ms", "MS", "dead-letter frames ending further ahead of the job clock, a bound on broken "
                    + "clocks (default 1800000)",
                    (p, v) -> p.maxFutureMillis = positive("max-future-ms", v));
            opt("max-batch", "N", "most windows per classifier call (default 32)",
                    (p, v) -> p.maxBatch = (int) positive("max-batch", v));
            opt("max-wait-ms", "MS", "longest a window waits for its batch; 0 = no batching (default 20)",
                    (p, v) -> p.maxWaitMillis = nonNegative("max-wait-ms", v));
            opt("top-k", "K", "labels per prediction (default 3)", (p, v) -> p.topK = (int) positive("top-k", v));
            opt("smooth-windows", "K", "average scores over a device's last K windows; 1 = off (default 1)",
                    (p, v) -> p.smoothWindows = (int) positive("smooth-windows", v));
            opt("label-set-id", "ID", "id of the default label set (default 'default')",
                    (p, v) -> p.labelSetId = nonBlank("label-set-id", v));
            opt("labels", "A,B,...", "default label texts (default " + String.join(",", DefaultLabels.TEXTS) + ")",
                    (p, v) -> p.labels = labelList(v));
            opt("device-description", "TEXT", "text before every channel description (default none)",
                    (p, v) -> p.deviceDescription = v);
            opt("model", "DIR", "model bundle directory (tsfm export); the built-in bundle classifier serves it",
                    (p, v) -> p.model = nonBlank("model", v));
            opt("classifier-factory", "CLASS", "io.tsfm.job.inference.ClassifierFactory implementation instead of "
                    + "the built-in bundle classifier (given the --model path if any)",
                    (p, v) -> p.classifierFactory = v);
            opt("inference-threads", "N", "ONNX Runtime threads per inference task; 0 = one per core (default 1)",
                    (p, v) -> p.inferenceThreads = (int) nonNegative("inference-threads", v));
            opt("checkpoint-interval-ms", "MS", "checkpoint interval (default 1000)",
                    (p, v) -> p.checkpointIntervalMillis = positive("checkpoint-interval-ms", v));
            opt("checkpoint-dir", "DIR", "checkpoint directory (path or URI), kept on cancel for --restore-from "
                    + "(default: the cluster's; in memory on a MiniCluster)",
                    (p, v) -> p.checkpointDir = nonBlank("checkpoint-dir", v));
            opt("restore-from", "DIR", "start from this checkpoint or savepoint (a chk-N or savepoint directory)",
                    (p, v) -> p.restoreFrom = nonBlank("restore-from", v));
            opt("delivery-guarantee", "G", "exactly-once (Kafka transactions) or at-least-once (default exactly-once)",
                    (p, v) -> p.exactlyOnce = oneOf("delivery-guarantee", v, "exactly-once", "at-least-once")
                            .equals("exactly-once"));
            opt("transactional-id-prefix", "PREFIX", "Kafka transactional id prefix (default tsfm-job)",
                    (p, v) -> p.transactionalIdPrefix = nonBlank("transactional-id-prefix", v));
            opt("transaction-timeout-ms", "MS", "Kafka transaction timeout (default 600000)",
                    (p, v) -> p.transactionTimeoutMillis = positive("transaction-timeout-ms", v));
            opt("parallelism", "N", "job parallelism; 0 = environment default (default 0)",
                    (p, v) -> p.parallelism = (int) nonNegative("parallelism", v));
            opt("job-name", "NAME", "Flink job name (default tsfm-streaming-job)",
                    (p, v) -> p.jobName = nonBlank("job-name", v));
            opt("kafka-property", "KEY=VALUE", "extra Kafka client property; repeatable",
                    (p, v) -> p.kafkaProperty(v));
            flag("embedded", "start a local Kafka broker and Flink MiniCluster", (p, v) -> p.embedded = true);
            opt("kafka-port", "PORT", "port of the embedded broker; 0 = any (default 0)",
                    (p, v) -> p.kafkaPort = port("kafka-port", v));
            opt("partitions", "N", "partitions of topics the embedded runner creates (default 2)",
                    (p, v) -> p.partitions = (int) positive("partitions", v));
            opt("cluster", "HOST:PORT", "submit to the Flink cluster with this REST endpoint",
                    (p, v) -> p.cluster = hostPort("cluster", v));
            opt("jar", "PATH", "job jar to ship with --cluster (default: the jar of this class)",
                    (p, v) -> p.jar = v);
            flag("help", "print this text", (p, v) -> { });
        }

        String bootstrapServers;
        String framesTopic = Topics.IMU_FRAMES;
        String labelSetsTopic = Topics.LABEL_SETS;
        String predictionsTopic = Topics.PREDICTIONS;
        String deadLettersTopic = Topics.DEAD_LETTERS;
        String groupId = "tsfm-streaming-job";
        String startingOffsets = "committed";
        boolean bounded;
        long windowMillis = 6000;
        long hopMillis = 2000;
        long maxGapMillis = 500;
        double minCoverage = 0.8;
        long outOfOrdernessMillis = 500;
        long idleTimeoutMillis = 10_000;
        long watermarkIntervalMillis = 100;
        long maxFutureMillis = 1_800_000;
        int maxBatch = 32;
        long maxWaitMillis = 20;
        int topK = 3;
        int smoothWindows = 1;
        String labelSetId = "default";
        List<String> labels = DefaultLabels.TEXTS;
        String deviceDescription = "";
        String model;
        String classifierFactory;
        int inferenceThreads = 1;
        long checkpointIntervalMillis = 1000;
        String checkpointDir;
        String restoreFrom;
        boolean exactlyOnce = true;
        String transactionalIdPrefix = "tsfm-job";
        long transactionTimeoutMillis = 600_000;
        int parallelism;
        String jobName = "tsfm-streaming-job";
        final Map<String, String> kafkaProperties = new LinkedHashMap<>();
        boolean embedded;
        int kafkaPort;
        int partitions = 2;
        String cluster;
        String jar;

        void parse(String[] args) {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (!a.startsWith("--")) {
                    if (a.equals("-h")) {
                        continue;
                    }
                    throw new IllegalArgumentException("argument " + (i + 1) + " '" + a + "' is not an option "
                            + "(options start with --; see --help)");
                }
                String name = a.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                Option o = OPTIONS.get(name);
                if (o == null) {
                    throw new IllegalArgumentException("unknown option --" + name + " (see --help for the list)");
                }
                if (o.flag) {
                    if (value != null) {
                        throw new IllegalArgumentException("--" + name + " takes no value");
                    }
                } else if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--" + name + " needs a value (" + o.arg + ")");
                    }
                    value = args[++i];
                }
                o.set.accept(this, value);
            }
        }

        JobOptions build() {
            if (hopMillis > windowMillis) {
                throw new IllegalArgumentException("--hop-ms " + hopMillis + " is longer than --window-ms "
                        + windowMillis);
            }
            if (smoothWindows > 1 && topK < 1) {
                throw new IllegalArgumentException("--smooth-windows needs --top-k >= 1");
            }
            if (cluster != null && embedded) {
                throw new IllegalArgumentException("--cluster and --embedded exclude each other");
            }
            return new JobOptions(bootstrapServers, framesTopic, labelSetsTopic, predictionsTopic, deadLettersTopic,
                    groupId, startingOffsets, bounded, windowMillis, hopMillis, maxGapMillis, minCoverage,
                    outOfOrdernessMillis, idleTimeoutMillis, watermarkIntervalMillis, maxFutureMillis, maxBatch,
                    maxWaitMillis, topK, smoothWindows, labelSetId, labels, deviceDescription, model,
                    classifierFactory, inferenceThreads, checkpointIntervalMillis, checkpointDir, restoreFrom,
                    exactlyOnce, transactionalIdPrefix, transactionTimeoutMillis, parallelism, jobName,
                    kafkaProperties, embedded, kafkaPort, partitions, cluster, jar);
        }

        void kafkaProperty(String v) {
            int eq = v.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--kafka-property '" + v + "' is not KEY=VALUE");
            }
            kafkaProperties.put(v.substring(0, eq).trim(), v.substring(eq + 1));
        }

        private static String nonBlank(String name, String v) {
            if (v.isBlank()) {
                throw new IllegalArgumentException("--" + name + " must not be blank");
            }
            return v;
        }

        private static String oneOf(String name, String v, String... allowed) {
            for (String a : allowed) {
                if (a.equalsIgnoreCase(v.trim())) {
                    return a;
                }
            }
            throw new IllegalArgumentException("--" + name + " '" + v + "' is not one of " + Arrays.toString(allowed));
        }

        private static long number(String name, String v) {
            try {
                return Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " '" + v + "' is not a whole number", e);
            }
        }

        private static long positive(String name, String v) {
            long n = number(name, v);
            if (n <= 0) {
                throw new IllegalArgumentException("--" + name + " must be > 0, got " + n);
            }
            return n;
        }

        private static long nonNegative(String name, String v) {
            long n = number(name, v);
            if (n < 0) {
                throw new IllegalArgumentException("--" + name + " must be >= 0, got " + n);
            }
            return n;
        }

        private static int port(String name, String v) {
            long n = nonNegative(name, v);
            if (n > 65535) {
                throw new IllegalArgumentException("--" + name + " " + n + " is not a port");
            }
            return (int) n;
        }

        private static double fraction(String name, String v) {
            double d;
            try {
                d = Double.parseDouble(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " '" + v + "' is not a number", e);
            }
            if (!(d > 0 && d <= 1)) {
                throw new IllegalArgumentException("--" + name + " must be in (0, 1], got " + v);
            }
            return d;
        }

        private static String hostPort(String name, String v) {
            int colon = v.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("--" + name + " '" + v + "' is not HOST:PORT");
            }
            port(name, v.substring(colon + 1));
            return v;
        }

        private static List<String> labelList(String v) {
            List<String> out = new ArrayList<>();
            for (String s : v.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("--labels '" + v + "' names no label");
            }
            if (out.stream().distinct().count() != out.size()) {
                throw new IllegalArgumentException("--labels '" + v + "' lists a label twice");
            }
            return out;
        }
    }
}
