package io.tsfm.lab.demo;

import io.tsfm.core.labels.LabelVocabulary;
import io.tsfm.core.runtime.ModelBundle;
import io.tsfm.core.time.Clocks;
import io.tsfm.lab.fleet.FleetReport;
import io.tsfm.lab.fleet.FleetSimulator;
import io.tsfm.lab.fleet.Imperfections;
import io.tsfm.lab.fleet.KafkaFleetSink;
import io.tsfm.edge.kafka.KafkaSettings;
import io.tsfm.edge.source.Pacer;
import io.tsfm.lab.job.EmbeddedRunner;
import io.tsfm.job.JobOptions;
import io.tsfm.job.inference.BundleClassifierFactory;
import io.tsfm.schemas.WireFormat;
import io.tsfm.schemas.avro.LabelSetUpdate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.flink.api.common.JobStatus;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One run of the demo, end to end on this machine: a real Kafka broker and the streaming job on a Flink MiniCluster
 * ({@link EmbeddedRunner}, the job's embedded defaults) serving the model bundle; a {@link FleetSimulator} of
 * devices replaying held-out sessions into the frames topic in real time; a consumer reading the predictions
 * {@code read_committed} and judging each against the simulator's ground truth ({@link Scoreboard}); optionally a
 * live label-set switch published on the control topic. Runs until its time is up or {@code stop} is set (Ctrl-C),
 * then stops the fleet, lets the last windows commit, and shuts everything down in reverse order: the consumer, the
 * producers, the job and the broker (whose temporary log directory is deleted).
 *
 * <p>Used from one thread; {@code stop} may be set from any.
 */
public final class DemoRun {
    /** Id of the label set the demo's job starts with and switches. */
    static final String LABEL_SET_ID = "demo";
    /** How long the view waits for the last windows to commit after the fleet stopped. */
    private static final long DRAIN_MILLIS = 2_500;
    private static final long REFRESH_MILLIS = 250;

    /**
     * What to run.
     *
     * @param model         model bundle directory
     * @param bundle        the bundle read from it
     * @param data          held-out sessions to replay
     * @param devices       simulated devices
     * @param seconds       seconds to run once the fleet starts; 0 runs until {@code stop}
     * @param switchLabels  labels to switch to live, or null
     * @param switchAfter   seconds after the fleet starts to publish them
     * @param imperfections what goes wrong with the devices
     * @param seed          seed of the fleet
     */
    public record Settings(Path model, ModelBundle bundle, DemoData data, int devices, double seconds, List<String> switchLabels,
                    double switchAfter, Imperfections imperfections, long seed) {}

    /**
     * What a run did.
     *
     * @param snapshot         the scoreboard at the end
     * @param fleet            what the fleet sent
     * @param seconds          seconds the fleet ran
     * @param bootstrapServers the broker that served the run (shut down now)
     * @param stoppedBy        "time" or "interrupt" (Ctrl-C)
     */
    public record Result(Scoreboard.Snapshot snapshot, FleetReport fleet, double seconds, String bootstrapServers,
                  String stoppedBy) {}

    private DemoRun() {
    }

    /** Runs the demo; returns after everything it started has stopped. */
    public static Result run(Settings s, DemoView view, AtomicBoolean stop) throws Exception {
        ModelBundle bundle = s.bundle();
        DemoData data = s.data();
        JobOptions options = JobOptions.parse("--embedded", "--model", s.model().toString(),
                "--label-set-id", LABEL_SET_ID, "--labels", String.join(",", data.labels()),
                "--job-name", "tsfm-demo");
        try (EmbeddedRunner runner = EmbeddedRunner.start(options, new BundleClassifierFactory(s.model(), 0))) {
            String servers = runner.bootstrapServers();
            awaitRunning(runner, stop);
            KafkaSettings kafka = KafkaSettings.builder().setBootstrapServers(servers).build();
            List<String> deviceIds = new ArrayList<>();
            for (int d = 0; d < s.devices(); d++) deviceIds.add(DEVICE_PREFIX + d);
            try (SendTimes sink = new SendTimes(new KafkaFleetSink(kafka, options.framesTopic()))) {
                FleetSimulator fleet = FleetSimulator.builder().setSessions(data.sessions()).setSink(sink)
                        .optDevices(s.devices()).optRateHz(data.rateHz()).optPacer(Pacer.realTime())
                        .optSeconds(s.seconds() > 0 ? s.seconds() + 60 : UNLIMITED_SECONDS)
                        .optImperfections(s.imperfections()).optSeed(s.seed()).optDevicePrefix(DEVICE_PREFIX).build();
                Scoreboard board = new Scoreboard(deviceIds, data.labels(), fleet.timeline(), sink,
                        new LabelMatch(LabelVocabulary.defaults()), options.hopMicros());
                board.labelSet(0, data.labels());
                view.started(new DemoHeader(data.dataset(), data.heldOut(), data.sessions().size(), s.devices(),
                        data.rateHz(), s.model().toString(), bundle.manifest().tier().toString(), bundle.id(),
                        servers, LABEL_SET_ID, data.labels()));
                long startNanos = System.nanoTime();
                FleetThread fleetThread = new FleetThread(fleet);
                Result result;
                try (PredictionFeed feed = new PredictionFeed(servers, options.predictionsTopic(),
                        options.deadLettersTopic(), board, e -> view.event(e, elapsed(startNanos)))) {
                    fleetThread.start();
                    String stoppedBy = play(s, view, stop, () -> fleetThread.ended() || feed.failure() != null
                            || jobEnded(runner), board, servers, options.labelSetsTopic(), startNanos);
                    if (stoppedBy.equals("failure") && jobEnded(runner)) {
                        throw new IllegalStateException("the streaming job stopped: "
                                + runner.job().getJobStatus().get(30, TimeUnit.SECONDS));
                    }
                    fleet.stop();
                    FleetReport report = fleetThread.finish();
                    double ran = elapsed(startNanos);
                    view.stopping(ran);
                    drain(view, board, startNanos, s.seconds());
                    if (feed.failure() != null) throw new IllegalStateException("reading predictions failed: "
                            + feed.failure(), feed.failure());
                    result = new Result(board.snapshot(Clocks.nowMicros()), report, ran, servers, stoppedBy);
                } finally {
                    fleet.stop();
                    fleetThread.finish();
                }
                return result;
            }
        } finally {
            view.close();
        }
    }

    private static final String DEVICE_PREFIX = "sim-";
    /** A fleet run "until stopped": a year of event time. */
    private static final double UNLIMITED_SECONDS = 365 * 24 * 3600.0;

    /**
     * The live phase: refreshes the view and publishes the label switch when due, until time is up ("time"),
     * {@code stop} is set ("interrupt") or a part failed ("failure"; the caller finds which).
     */
    private static String play(Settings s, DemoView view, AtomicBoolean stop, BooleanSupplier failed, Scoreboard board,
                               String servers, String controlTopic, long startNanos) throws Exception {
        boolean switched = s.switchLabels() == null;
        while (true) {
            double elapsed = elapsed(startNanos);
            if (stop.get()) return "interrupt";
            if (failed.getAsBoolean()) return "failure";
            if (s.seconds() > 0 && elapsed >= s.seconds()) return "time";
            if (!switched && elapsed >= s.switchAfter()) {
                // registered first: a prediction made with the new version may arrive before send() returns
                board.labelSet(1, s.switchLabels());
                publish(servers, controlTopic, s.switchLabels());
                view.labelSetPublished(LABEL_SET_ID, 1, s.switchLabels(), elapsed);
                switched = true;
            }
            view.refresh(board.snapshot(Clocks.nowMicros()), elapsed, s.seconds());
            Thread.sleep(REFRESH_MILLIS);
        }
    }

    /** After the fleet stopped: the windows already cut still commit within a checkpoint or two. */
    private static void drain(DemoView view, Scoreboard board, long startNanos, double total)
            throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS);
        while (System.nanoTime() < until) {
            view.refresh(board.snapshot(Clocks.nowMicros()), elapsed(startNanos), total);
            Thread.sleep(REFRESH_MILLIS);
        }
    }

    /** Publishes version 1 of the demo's label set on the control topic. */
    private static void publish(String servers, String topic, List<String> labels) throws Exception {
        LabelSetUpdate update = LabelSetUpdate.newBuilder().setLabelSetId(LABEL_SET_ID).setVersion(1)
                .setLabels(new ArrayList<>(labels)).setDeviceScope(null).setIssuedAtEpochMicros(Clocks.nowMicros()).build();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers, ProducerConfig.CLIENT_ID_CONFIG, "tsfm-demo-control"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, LABEL_SET_ID.getBytes(StandardCharsets.UTF_8),
                    WireFormat.LABEL_SET_UPDATE.encode(update))).get(30, TimeUnit.SECONDS);
        }
    }

    /** Waits until the job runs, so that the fleet's first seconds are not spent on the job's start-up. */
    private static void awaitRunning(EmbeddedRunner runner, AtomicBoolean stop) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!stop.get()) {
            JobStatus status = runner.job().getJobStatus().get(30, TimeUnit.SECONDS);
            if (status == JobStatus.RUNNING) return;
            if (status.isGloballyTerminalState()) {
                throw new IllegalStateException("the streaming job ended before the demo started: " + status);
            }
            if (System.nanoTime() > deadline) throw new IllegalStateException("the streaming job did not start "
                    + "within 120 s (status " + status + ")");
            Thread.sleep(100);
        }
    }

    /** Whether the job reached a terminal state (it runs until cancelled, so only by failing). */
    private static boolean jobEnded(EmbeddedRunner runner) {
        try {
            return runner.job().getJobStatus().get(30, TimeUnit.SECONDS).isGloballyTerminalState();
        } catch (Exception e) {
            return true; // the cluster no longer answers
        }
    }

    private static double elapsed(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** The fleet on a thread of its own; {@link #finish} waits for it and returns its report. */
    private static final class FleetThread {
        private final Thread thread;
        private final AtomicReference<FleetReport> report = new AtomicReference<>();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        FleetThread(FleetSimulator fleet) {
            this.thread = new Thread(() -> {
                try {
                    report.set(fleet.run());
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "tsfm-demo-fleet");
        }

        void start() {
            thread.start();
        }

        /** Whether the fleet stopped by itself (it runs until stopped, so only by failing). */
        boolean ended() {
            return thread.getState() == Thread.State.TERMINATED;
        }

        FleetReport finish() throws InterruptedException {
            if (thread.getState() != Thread.State.NEW) thread.join();
            if (failure.get() != null) throw new IllegalStateException("the fleet failed: " + failure.get(),
                    failure.get());
            return report.get();
        }
    }
}
