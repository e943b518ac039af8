package io.tsfm.job;

import io.tsfm.job.inference.ClassifierFactory;
import io.tsfm.job.kafka.EmbeddedKafka;
import io.tsfm.schemas.Topics;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The job on one machine with nothing installed: a real Kafka broker ({@link EmbeddedKafka}, KRaft) and the job on a
 * Flink MiniCluster in this JVM. Creates the four topics (the control topic compacted, one partition so updates keep
 * their order), submits the job, and says where to produce frames and read predictions. Closing it cancels the job
 * and stops the broker. {@link #close} is thread-safe and idempotent (a shutdown hook may call it too).
 */
public final class EmbeddedRunner implements AutoCloseable {

    private final EmbeddedKafka kafka;
    private final JobClient job;
    private final JobOptions options;
    private boolean closed;

    private EmbeddedRunner(EmbeddedKafka kafka, JobClient job, JobOptions options) {
        this.kafka = kafka;
        this.job = job;
        this.options = options;
    }

    /** Starts the broker, creates the topics and submits the job (returns once it is submitted). */
    public static EmbeddedRunner start(JobOptions options, ClassifierFactory classifiers) throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.builder().optPort(options.kafkaPort())
                .optNumPartitions(options.partitions()).build();
        try {
            JobOptions o = options.withBootstrapServers(kafka.bootstrapServers());
            createTopics(kafka, o);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(
                    o.parallelism() > 0 ? o.parallelism() : Math.max(1, Math.min(4,
                            Runtime.getRuntime().availableProcessors())));
            TsfmPipeline.build(env, o, classifiers);
            JobClient job = env.executeAsync(o.jobName());
            return new EmbeddedRunner(kafka, job, o);
        } catch (Exception | Error e) {
            kafka.close();
            throw e;
        }
    }

    /** Creates the job's topics on {@code kafka} if they do not exist yet. */
    public static void createTopics(EmbeddedKafka kafka, JobOptions o) {
        int n = o.partitions();
        kafka.createTopics(List.of(
                new NewTopic(o.framesTopic(), n, (short) 1),
                new NewTopic(o.labelSetsTopic(), 1, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                new NewTopic(o.predictionsTopic(), n, (short) 1),
                new NewTopic(o.deadLettersTopic(), n, (short) 1)));
    }

    /** Starts, prints the instructions, and runs until the job ends or the JVM is interrupted (Ctrl-C). */
    public static void runUntilStopped(JobOptions options, ClassifierFactory classifiers, PrintStream out)
            throws Exception {
        AtomicBoolean stopping = new AtomicBoolean();
        CountDownLatch closed = new CountDownLatch(1);
        try (EmbeddedRunner runner = start(options, classifiers)) {
            Thread hook = new Thread(() -> {
                stopping.set(true);
                runner.close();
                closed.countDown();
            }, "tsfm-embedded-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            runner.printInstructions(out);
            try {
                runner.job.getJobExecutionResult().get();
                out.println("job finished (bounded input consumed)");
            } catch (ExecutionException e) {
                if (!stopping.get()) {
                    out.println("job failed: " + e.getCause());
                    throw e;
                }
            }
            if (stopping.get()) {
                out.println("stopping: job cancelled, broker shutting down");
                closed.await(); // the hook owns the shutdown; do not race it
            } else {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
    }

    /** The broker's bootstrap servers. */
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The running job. */
    public JobClient job() {
        return job;
    }

    /** The options the job runs with (bootstrap servers filled in). */
    public JobOptions options() {
        return options;
    }

    /** How to feed the job and where its output appears. */
    public void printInstructions(PrintStream out) {
        String bs = kafka.bootstrapServers();
        out.println("TSFM streaming job running on a local MiniCluster (job " + job.getJobID() + ")");
        out.println("  Kafka (KRaft, in this process): " + bs);
        out.println("  produce frames to:  " + options.framesTopic() + "  key = device id (UTF-8), value = "
                + "ImuFrame in Avro single-object encoding (io.tsfm.schemas.WireFormat.IMU_FRAME.encode);");
        out.println("                      send the channel layout inline in a device's first frame, then a LayoutRef");
        out.println("  change labels on:   " + options.labelSetsTopic() + "  key = label set id, value = "
                + "LabelSetUpdate (WireFormat.LABEL_SET_UPDATE); default set '" + options.labelSetId() + "' = "
                + options.labels());
        out.println("  predictions appear: " + options.predictionsTopic() + "  (Prediction, WireFormat.PREDICTION; "
                + "read with isolation.level=read_committed, visible after each "
                + options.checkpointIntervalMillis() + " ms checkpoint)");
        out.println("  dead letters:       " + options.deadLettersTopic() + "  (DeadLetter: source offset, raw bytes, "
                + "reason)");
        out.println("  windows " + options.windowMillis() + " ms every " + options.hopMillis() + " ms, watermark "
                + "out-of-orderness " + options.outOfOrdernessMillis() + " ms; Ctrl-C stops job and broker");
        out.println("  e.g. kafka-console-consumer.sh --bootstrap-server " + bs + " --topic "
                + options.predictionsTopic() + " --isolation-level read_committed (values are binary Avro)");
    }

    /** Cancels the job (if still running) and stops the broker; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!job.getJobStatus().get().isGloballyTerminalState()) {
                job.cancel().get(Duration.ofSeconds(30).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        } catch (Exception e) {
            // the job may be gone already (finished, or the MiniCluster shut down with it)
        } finally {
            kafka.close();
        }
    }
}
