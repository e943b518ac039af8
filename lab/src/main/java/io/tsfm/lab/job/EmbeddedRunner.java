package io.tsfm.lab.job;

import io.tsfm.job.JobOptions;
import io.tsfm.job.TsfmPipeline;
import io.tsfm.job.inference.ClassifierFactory;
import io.tsfm.lab.kafka.EmbeddedKafka;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.BlobServerOptions;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.minicluster.MiniClusterJobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The job in this JVM on a Flink MiniCluster of its own, against the Kafka given by {@code --bootstrap-servers} or,
 * with {@code --embedded}, a real Kafka broker started in-process ({@link EmbeddedKafka}, KRaft) whose four topics it
 * creates (the control topic compacted, one partition so updates keep their order). Everything the two write (broker
 * log, Flink's temporary files, blobs and, without {@code --checkpoint-dir}, checkpoints) lives in one temporary work
 * directory that {@link #close} deletes after
 * cancelling the job and stopping the MiniCluster and the broker, so a stopped runner leaves no thread, port or file
 * behind. {@link #close} is thread-safe and idempotent (a shutdown hook may call it too).
 */
public final class EmbeddedRunner implements AutoCloseable {

    private final Path workDir;
    private final EmbeddedKafka kafka;
    private final MiniCluster cluster;
    private final JobClient job;
    private final JobOptions options;
    private boolean closed;

    private EmbeddedRunner(Path workDir, EmbeddedKafka kafka, MiniCluster cluster, JobClient job,
                           JobOptions options) {
        this.workDir = workDir;
        this.kafka = kafka;
        this.cluster = cluster;
        this.job = job;
        this.options = options;
    }

    /**
     * Starts the broker (with {@code --embedded}; it creates the topics), the MiniCluster, and submits the job;
     * returns once the job is submitted. On failure everything started is stopped again.
     */
    public static EmbeddedRunner start(JobOptions options, ClassifierFactory classifiers) throws Exception {
        Path work = Files.createTempDirectory("tsfm-job-");
        EmbeddedKafka kafka = null;
        MiniCluster cluster = null;
        try {
            JobOptions o = options;
            if (options.embedded()) {
                kafka = EmbeddedKafka.builder().optPort(options.kafkaPort()).optLogDir(work.resolve("kafka"))
                        .optNumPartitions(options.partitions()).build();
                o = options.withBootstrapServers(kafka.bootstrapServers());
                createTopics(kafka, o);
            }
            o.requireRunnable();
            int slots = o.parallelism() > 0 ? o.parallelism()
                    : Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
            Configuration flink = new Configuration();
            flink.set(CoreOptions.TMP_DIRS, work.resolve("flink-tmp").toString());
            flink.set(BlobServerOptions.STORAGE_DIRECTORY, work.resolve("flink-blobs").toString());
            // the REST server's upload folder, else <java.io.tmpdir>/flink-web-upload, which Flink never removes
            flink.set(WebOptions.TMP_DIR, work.resolve("flink-web").toString());
            flink.set(RestOptions.ADDRESS, "localhost");
            flink.set(RestOptions.BIND_ADDRESS, "localhost");
            flink.set(RestOptions.BIND_PORT, "0");
            cluster = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(flink)
                    .setNumTaskManagers(1).setNumSlotsPerTaskManager(slots).build());
            cluster.start();

            Configuration envConfig = TsfmPipeline.environmentConfig(o);
            if (o.checkpointDir() == null) {
                // Flink's in-memory checkpoint storage refuses state over 5 MB, which a few hundred devices' open
                // windows exceed: checkpoint to the work dir instead (gone with it on close)
                envConfig.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
                envConfig.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                        work.resolve("checkpoints").toUri().toString());
            }
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(slots, envConfig);
            TsfmPipeline.build(env, o, classifiers);
            StreamGraph graph = env.getStreamGraph();
            graph.setJobName(o.jobName());
            if (o.restoreFrom() != null) {
                graph.setSavepointRestoreSettings(SavepointRestoreSettings.fromConfiguration(
                        TsfmPipeline.environmentConfig(o)));
            }
            graph.serializeUserDefinedInstances(); // what Flink's own local executor does before submitting
            JobID id = cluster.submitJob(graph).get().getJobID();
            JobClient job = new MiniClusterJobClient(id, cluster, Thread.currentThread().getContextClassLoader(),
                    MiniClusterJobClient.JobFinalizationBehavior.NOTHING);
            return new EmbeddedRunner(work, kafka, cluster, job, o);
        } catch (Exception | Error e) {
            stopQuietly(cluster, kafka, work);
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

    /** As {@link #runUntilStopped(JobOptions, ClassifierFactory, PrintStream, Duration, Consumer)}, no limit. */
    public static void runUntilStopped(JobOptions options, ClassifierFactory classifiers, PrintStream out)
            throws Exception {
        runUntilStopped(options, classifiers, out, null, r -> { });
    }

    /**
     * Starts, prints the instructions (then {@code moreInstructions}), and runs until the job ends, {@code limit}
     * has passed, or the JVM is asked to stop (Ctrl-C); then cancels the job and stops everything (the shutdown hook
     * waits for that). Returns normally unless the job failed on its own.
     *
     * @param limit how long to run; null = until the job ends or Ctrl-C
     */
    public static void runUntilStopped(JobOptions options, ClassifierFactory classifiers, PrintStream out,
                                       Duration limit, Consumer<EmbeddedRunner> moreInstructions) throws Exception {
        CountDownLatch stopRequested = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stopRequested.countDown();
            try {
                stopped.await(60, TimeUnit.SECONDS); // the JVM must not exit before the job and broker are down
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tsfm-job-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        EmbeddedRunner runner = null;
        Throwable failure = null;
        try {
            runner = start(options, classifiers);
            runner.printInstructions(out);
            moreInstructions.accept(runner);
            out.flush();
            CompletableFuture<JobExecutionResult> result = runner.job.getJobExecutionResult();
            long deadline = limit == null ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
            while (true) {
                if (stopRequested.await(100, TimeUnit.MILLISECONDS)) {
                    out.println("stopping (interrupted)");
                    break;
                }
                if (result.isDone()) {
                    try {
                        result.get();
                        out.println("job finished (bounded input consumed)");
                    } catch (ExecutionException e) {
                        failure = e.getCause();
                        out.println("job failed: " + failure);
                    }
                    break;
                }
                if (System.nanoTime() - deadline >= 0) {
                    out.println("stopping after " + limit.toSeconds() + " s (--seconds)");
                    break;
                }
            }
        } finally {
            if (runner != null) {
                runner.close();
                out.println("stopped: job cancelled, MiniCluster" + (runner.kafka != null ? " and broker" : "")
                        + " shut down, " + runner.workDir + " removed");
            }
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waited for this
            }
        }
        if (failure instanceof Exception e) {
            throw e;
        } else if (failure != null) {
            throw new ExecutionException(failure);
        }
    }

    /** The Kafka bootstrap servers the job reads and writes. */
    public String bootstrapServers() {
        return options.bootstrapServers();
    }

    /** The running job. */
    public JobClient job() {
        return job;
    }

    /** The options the job runs with (bootstrap servers filled in). */
    public JobOptions options() {
        return options;
    }

    /** The work directory holding the broker's log and Flink's files; deleted by {@link #close}. */
    public Path workDir() {
        return workDir;
    }

    /** The MiniCluster's REST endpoint (the job's status and metrics as JSON). */
    public URI restAddress() throws ExecutionException, InterruptedException {
        return cluster.getRestAddress().get();
    }

    /** How to feed the job and where its output appears. */
    public void printInstructions(PrintStream out) {
        String bs = bootstrapServers();
        String rest;
        try {
            rest = restAddress().toString();
        } catch (ExecutionException | InterruptedException e) {
            rest = "(unavailable: " + e + ")";
        }
        out.println("TSFM streaming job running on a local MiniCluster (job " + job.getJobID() + ", REST " + rest + ")");
        out.println("  Kafka" + (kafka != null ? " (KRaft, in this process): " : ": ") + bs);
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
                + "out-of-orderness " + options.outOfOrdernessMillis() + " ms; Ctrl-C stops "
                + (kafka != null ? "job and broker" : "the job"));
    }

    /** Cancels the job (if still running), stops the MiniCluster and the broker, deletes the work dir; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!job.getJobStatus().get(30, TimeUnit.SECONDS).isGloballyTerminalState()) {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
            job.getJobExecutionResult().handle((r, e) -> null).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the job may be gone already; the MiniCluster shutdown below ends it in any case
        }
        stopQuietly(cluster, kafka, workDir);
    }

    private static void stopQuietly(MiniCluster cluster, EmbeddedKafka kafka, Path work) {
        try {
            if (cluster != null) {
                cluster.closeAsync().get(60, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            // fall through: the broker and the files still go
        } finally {
            try {
                if (kafka != null) {
                    kafka.close();
                }
            } finally {
                deleteRecursively(work);
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the job's work directory " + dir, e);
        }
    }
}
