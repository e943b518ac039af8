package io.tsfm.benchmark.stream;

import io.tsfm.benchmark.protocol.BenchmarkDataset;
import io.tsfm.benchmark.protocol.BenchmarkWindow;
import io.tsfm.benchmark.protocol.WindowKey;
import io.tsfm.benchmark.run.InferencePath;
import io.tsfm.benchmark.run.WindowPrediction;
import io.tsfm.core.data.Channel;
import io.tsfm.core.data.SensorKind;
import io.tsfm.core.runtime.LabelSet;
import io.tsfm.core.runtime.ModelBundle;
import io.tsfm.core.time.Clocks;
import io.tsfm.core.window.SampleFrame;
import io.tsfm.datasets.eval.EvalWindows;
import io.tsfm.job.ClassifierFactories;
import io.tsfm.job.JobOptions;
import io.tsfm.schemas.ImuFrames;
import io.tsfm.schemas.Topics;
import io.tsfm.schemas.WireFormat;
import io.tsfm.schemas.avro.ChannelLayout;
import io.tsfm.schemas.avro.ChannelSpec;
import io.tsfm.schemas.avro.ImuFrame;
import io.tsfm.schemas.avro.LabelSetUpdate;
import io.tsfm.schemas.avro.Prediction;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;
import org.apache.flink.api.common.JobStatus;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The stream path (issue #7): benchmark windows replayed as IMU frames through Kafka into the streaming job, the
 * job's predictions read back read-committed and joined to the windows by device and window start.
 *
 * <p>Embedded mode (no bootstrap servers given) starts a real KRaft broker and the streaming job on a Flink
 * MiniCluster in this JVM ({@link EmbeddedJob}, from the lab module), configured to cut the benchmark's windows: 6 s tumbling (hop
 * 6 s), no gap filling and full coverage required (a window missing a sample is rejected, so it shows as missing, it
 * is never classified from interpolated data). Address mode connects to a broker where such a job already runs on
 * the default topics ({@link Topics}); that job must use {@code --window-ms 6000 --hop-ms 6000}, no
 * {@code --device-description} (event time is per device, so live devices on the same job do not disturb a replay). Replays start after the latest event time already on the frames topic, so one job serves several
 * benchmark runs; a replay that would run past the wall clock is refused with the reason. A job cutting other windows
 * (another hop or length) is refused at the probe, naming the settings the benchmark needs; an answer for a window of
 * another length is a failed window saying so.
 *
 * <p>Per {@code classify} call (a pass): a label set with the pass's own id, scoped to the pass's own device ids, is
 * published on the control topic, so passes never mix; every benchmark device is replayed as one stream device with
 * its event times preserved ({@link ReplayPlan}), as fast as possible or at a multiple of real time; after the last
 * frame one tiny frame per device moves that device's event time past its last window; predictions arrive until every
 * window is answered or none has come for the idle timeout. A prediction made with another label set or model is
 * returned as a failed window naming the mismatch. On open, two back-to-back probe windows, and no window between
 * them, must come back before any pass runs (the job is up, its classifier loaded, and it cuts 6 s tumbling windows).
 * Passes are kept ({@link #passes()}) for comparison with the direct path.
 *
 * <p>Not thread-safe: one pass at a time, as the runner calls it. {@link #close()} stops what embedded mode started.
 */
public final class StreamPath implements InferencePath {
    /** The job's window length and hop: the benchmark's non-overlapping 6 s windows ({@link EvalWindows}). */
    public static final long WINDOW_MILLIS = Math.round(EvalWindows.WINDOW_SECONDS * 1000);
    private static final long OUT_OF_ORDERNESS_MILLIS = 200;
    /** Event time between a pass's last sample and its watermark frame: beyond any sane out-of-orderness bound. */
    private static final long FLUSH_MARGIN_MICROS = 30_000_000L;
    private static final long GRID_MICROS = WINDOW_MILLIS * 1000;
    /** The job settings the benchmark's windows need (address mode: the job is started by someone else). */
    static final String JOB_SETTINGS = "--window-ms " + WINDOW_MILLIS + " --hop-ms " + WINDOW_MILLIS
            + " --max-gap-ms 0 --min-coverage 1 and no --device-description (e.g. ./tsfm job --embedded --hop-ms "
            + WINDOW_MILLIS + " --min-coverage 1 --max-gap-ms 0)";

    private final String modelId;
    private final double patchSeconds;
    private final double replaySpeed;
    private final Duration idleTimeout;
    private final double frameSeconds;
    private final Duration labelSetSettle;
    private final PrintStream log;
    private final EmbeddedJob runner;
    private final String bootstrapServers;
    private final String framesTopic;
    private final String labelSetsTopic;
    private final String predictionsTopic;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ExecutorService sender;
    private final String runId;
    private final List<StreamPass> passes = new ArrayList<>();
    private int passCount;
    private long nextStartMicros;
    private boolean closed;

    private StreamPath(Builder b, ModelBundle bundle) throws Exception {
        this.modelId = bundle.id();
        this.patchSeconds = bundle.patchSeconds();
        this.replaySpeed = b.replaySpeed;
        this.idleTimeout = b.idleTimeout;
        this.frameSeconds = b.frameSeconds;
        this.labelSetSettle = b.labelSetSettle;
        this.log = b.log;
        this.runId = UUID.randomUUID().toString().substring(0, 8);
        // historic event time, so an unpaced replay never runs ahead of the job's clock (it refuses frames from
        // the future); each pass starts after the previous one, so no pass is behind the watermark
        this.nextStartMicros = alignUp(Clocks.nowMicros() - Duration.ofDays(2).toNanos() / 1000);
        EmbeddedJob started = null;
        KafkaProducer<byte[], byte[]> p = null;
        KafkaConsumer<byte[], byte[]> c = null;
        try {
            if (b.bootstrapServers == null) {
                JobOptions o = JobOptions.parse("--embedded", "--model", bundle.directory().toString(),
                        "--window-ms", Long.toString(WINDOW_MILLIS), "--hop-ms", Long.toString(WINDOW_MILLIS),
                        "--max-gap-ms", "0", "--min-coverage", "1",
                        "--out-of-orderness-ms", Long.toString(OUT_OF_ORDERNESS_MILLIS),
                        "--checkpoint-interval-ms", "500", "--top-k", "1",
                        "--parallelism", Integer.toString(b.parallelism),
                        "--partitions", Integer.toString(b.parallelism),
                        "--job-name", "tsfm-benchmark-stream");
                say("starting a Kafka broker and the streaming job on a MiniCluster (parallelism " + b.parallelism
                        + ")");
                started = EmbeddedJob.starter().start(o, ClassifierFactories.resolve(o));
                this.bootstrapServers = started.bootstrapServers();
                this.framesTopic = o.framesTopic();
                this.labelSetsTopic = o.labelSetsTopic();
                this.predictionsTopic = o.predictionsTopic();
            } else {
                this.bootstrapServers = b.bootstrapServers;
                this.framesTopic = Topics.IMU_FRAMES;
                this.labelSetsTopic = Topics.LABEL_SETS;
                this.predictionsTopic = Topics.PREDICTIONS;
            }
            p = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.LINGER_MS_CONFIG, "5",
                    ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024),
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(b.startTimeout.toMillis())),
                    new ByteArraySerializer(), new ByteArraySerializer());
            c = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                    ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(b.startTimeout.toMillis())),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> parts = c.partitionsFor(predictionsTopic).stream()
                    .map(x -> new TopicPartition(predictionsTopic, x.partition())).toList();
            if (parts.isEmpty()) {
                throw new IllegalStateException("Kafka at " + bootstrapServers + " has no topic " + predictionsTopic);
            }
            c.assign(parts);
            // a job that already saw replays (address mode) has its watermark at their end: start after it
            long seen = lastEventMicros(c, framesTopic);
            this.nextStartMicros = Math.max(nextStartMicros, alignUp(seen + 1) + GRID_MICROS);
        } catch (Exception | Error e) {
            if (c != null) c.close();
            if (p != null) p.close();
            if (started != null) started.close();
            throw e;
        }
        this.runner = started;
        this.producer = p;
        this.consumer = c;
        this.sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tsfm-benchmark-replay");
            t.setDaemon(true);
            return t;
        });
        try {
            probe(b.startTimeout);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** A builder; {@code setModel} is required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "stream";
    }

    @Override
    public String modelId() {
        return modelId;
    }

    /** The Kafka the path replays into (the embedded broker's address in embedded mode). */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Whether this path started its own broker and job. */
    public boolean embedded() {
        return runner != null;
    }

    /** The replay speed: 0 for as fast as possible, else the multiple of real time. */
    public double replaySpeed() {
        return replaySpeed;
    }

    /** Every pass so far, in order. */
    public List<StreamPass> passes() {
        return List.copyOf(passes);
    }

    @Override
    public List<WindowPrediction> classify(BenchmarkDataset dataset, List<BenchmarkWindow> windows, LabelSet labels,
                                           IntConsumer progress) {
        if (closed) throw new IllegalStateException("stream path is closed");
        StreamPass pass = run(dataset, windows, labels, progress, idleTimeout);
        passes.add(pass);
        return pass.predictions();
    }

    private StreamPass run(BenchmarkDataset dataset, List<BenchmarkWindow> windows, LabelSet labels,
                           IntConsumer progress, Duration idle) {
        String passId = "bench-" + runId + "-" + (++passCount);
        if (windows.isEmpty()) {
            return new StreamPass(dataset, windows, labels, List.of(), Map.of(),
                    new PassStats(dataset.name(), passId, labels.labels().size(), 0, 0, 0, 0, 0, 0, false));
        }
        int frameSamples = SampleFrame.samplesPerFrame(frameSeconds, windows.get(0).rateHz());
        ReplayPlan plan = ReplayPlan.of(windows, dataset.description(), patchSeconds, passId + "/", nextStartMicros,
                WINDOW_MILLIS, frameSamples);
        long flushAt = plan.endMicros() + FLUSH_MARGIN_MICROS;
        if (replaySpeed == 0 && flushAt > Clocks.nowMicros()) {
            throw new IllegalStateException("the replay's event time would run past the wall clock (the job refuses "
                    + "frames from the future): frames topic " + framesTopic + " at " + bootstrapServers + " already "
                    + "holds event time up to " + java.time.Instant.ofEpochSecond(0, (nextStartMicros - GRID_MICROS)
                    * 1000) + "; use a fresh job and topics, or the embedded mode");
        }
        nextStartMicros = alignUp(flushAt + 1) + GRID_MICROS;

        Set<WindowKey> expected = new HashSet<>();
        for (BenchmarkWindow w : windows) expected.add(w.key());
        publishLabelSet(passId, labels, plan.devices());
        List<TopicPartition> parts = new ArrayList<>(consumer.assignment());
        consumer.seekToEnd(parts);
        parts.forEach(consumer::position); // resolve now: predictions of this pass come after this point

        long t0 = System.nanoTime();
        Future<long[]> sending = sender.submit(() -> send(plan, flushAt));
        List<WindowPrediction> answers = new ArrayList<>();
        Map<WindowKey, Float> topScores = new HashMap<>();
        Set<WindowKey> answered = new HashSet<>();
        long lastNews = System.nanoTime();
        long sentAt = 0;
        long[] sent = null;
        boolean timedOut = false;
        while (answered.size() < expected.size()) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                Prediction p = WireFormat.PREDICTION.decode(r.value());
                String device = p.getDeviceId().toString();
                WindowKey key = plan.keyOf(dataset.name(), device, p.getWindowStartEpochMicros());
                if (key == null) continue; // another pass's, the probe's or another client's device
                WindowPrediction answer = toPrediction(key, p, passId);
                answers.add(answer);
                if (answer.ok()) topScores.putIfAbsent(key, p.getTopK().get(0).getScore());
                if (expected.contains(key) && answered.add(key)) progress.accept(1);
                lastNews = System.nanoTime();
            }
            if (sent == null && sending.isDone()) {
                sent = result(sending);
                sentAt = System.nanoTime();
                lastNews = Math.max(lastNews, sentAt);
            }
            if (sent != null && System.nanoTime() - lastNews > idle.toNanos()) {
                timedOut = true;
                break;
            }
        }
        long end = System.nanoTime();
        if (sent == null) {
            sent = result(sending);
            sentAt = System.nanoTime();
        }
        int missing = expected.size() - answered.size();
        if (missing > 0) progress.accept(missing); // the bar completes; the runner lists them as missing
        PassStats stats = new PassStats(dataset.name(), passId, labels.labels().size(), plan.devices().size(),
                expected.size(), answered.size(), sent[0], (sentAt - t0) / 1e9, (end - t0) / 1e9, timedOut);
        if (timedOut) {
            requireJobRunning();
            say(String.format(Locale.ROOT, "%s: %d of %d windows unanswered after %.0f s without a prediction",
                    passId, missing, expected.size(), idle.toMillis() / 1000.0));
        }
        return new StreamPass(dataset, windows, labels, answers, topScores, stats);
    }

    /** An embedded job that stopped answers nothing more: say so instead of reporting every window missing. */
    private void requireJobRunning() {
        if (runner == null) return;
        try {
            JobStatus status = runner.job().getJobStatus().get(30, TimeUnit.SECONDS);
            if (status.isGloballyTerminalState()) {
                Throwable why = runner.job().getJobExecutionResult().handle((r, e) -> e).get(30, TimeUnit.SECONDS);
                throw new IllegalStateException("the embedded streaming job is " + status
                        + (why != null ? ": " + why : ""), why);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the streaming job", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot tell whether the embedded streaming job still runs: " + e, e);
        }
    }

    /**
     * The latest event time (µs) among the last frame of every partition of {@code topic} (a replay ends with its
     * watermark frames, so that is where it left the job's event time); 0 when the topic is empty.
     */
    private static long lastEventMicros(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                .map(x -> new TopicPartition(topic, x.partition())).toList();
        Set<TopicPartition> before = consumer.assignment();
        Map<TopicPartition, Long> ends = consumer.endOffsets(parts);
        long latest = 0;
        try {
            consumer.assign(parts);
            for (TopicPartition tp : parts) {
                long end = ends.get(tp);
                if (end > 0) consumer.seek(tp, end - 1);
                else consumer.pause(List.of(tp));
            }
            int todo = (int) ends.values().stream().filter(e -> e > 0).count();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            Set<TopicPartition> seen = new HashSet<>();
            while (seen.size() < todo && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    seen.add(tp);
                    consumer.pause(List.of(tp));
                    try {
                        ImuFrame f = WireFormat.IMU_FRAME.decode(r.value());
                        latest = Math.max(latest, f.getFirstSampleEpochMicros());
                    } catch (RuntimeException notAFrame) {
                        // another client's bad record: it does not move the job's event time
                    }
                }
            }
        } finally {
            consumer.resume(consumer.paused());
            consumer.assign(before);
        }
        return latest;
    }

    private WindowPrediction toPrediction(WindowKey key, Prediction p, String passId) {
        long length = p.getWindowEndEpochMicros() - p.getWindowStartEpochMicros();
        if (length != GRID_MICROS) {
            return WindowPrediction.failed(key, "the job's window is " + length / 1000 + " ms long, not "
                    + WINDOW_MILLIS + " ms: the benchmark needs a job with " + JOB_SETTINGS);
        }
        String set = p.getLabelSetId().toString();
        if (!set.equals(passId)) {
            return WindowPrediction.failed(key, "the job scored it against label set '" + set + "' v"
                    + p.getLabelSetVersion() + ", not the pass's '" + passId + "'");
        }
        String model = p.getModelBundleSha256().toString();
        if (!model.equals(modelId)) {
            return WindowPrediction.failed(key, "the job's model is " + model + ", not " + modelId);
        }
        return WindowPrediction.of(key, p.getTopK().get(0).getLabel().toString());
    }

    /** Sends the plan's frames (paced when a speed is set), then one watermark frame per partition. */
    private long[] send(ReplayPlan plan, long flushAtMicros) throws Exception {
        int partitions = producer.partitionsFor(framesTopic).size();
        long wall0 = System.nanoTime();
        long frames = 0;
        List<Future<?>> acks = new ArrayList<>();
        Map<String, Integer> partitionOf = new java.util.LinkedHashMap<>();
        for (ReplayPlan.Planned f : plan.frames()) {
            if (replaySpeed > 0) {
                long due = wall0 + (long) ((f.startMicros() - plan.startMicros()) * 1000 / replaySpeed);
                long wait = due - System.nanoTime();
                if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
            }
            int partition = f.deviceIndex() % partitions;
            partitionOf.putIfAbsent(f.deviceId(), partition);
            acks.add(producer.send(new ProducerRecord<>(framesTopic, partition,
                    f.deviceId().getBytes(StandardCharsets.UTF_8), WireFormat.IMU_FRAME.encode(f.frame()))));
            frames++;
        }
        // the job keeps event time per device and fires a device's window once that device's own clock passes its
        // end: one tiny frame per device, well after its data and on its partition (so after its frames), closes its
        // last windows at once instead of after the job's idle timeout; its own windows lack coverage, predict nothing
        for (Map.Entry<String, Integer> d : partitionOf.entrySet()) {
            ImuFrame f = ImuFrame.newBuilder().setDeviceId(d.getKey()).setSequence(Long.MAX_VALUE)
                    .setFirstSampleEpochMicros(flushAtMicros).setSampleRateHz(1.0).setChannelCount(1)
                    .setSamples(ImuFrames.sampleList(new float[] {0f}))
                    .setLayout(new ChannelLayout("flush", List.of(new ChannelSpec("x", "1", "event time"))))
                    .setSentAtEpochMicros(null).build();
            acks.add(producer.send(new ProducerRecord<>(framesTopic, d.getValue(),
                    d.getKey().getBytes(StandardCharsets.UTF_8), WireFormat.IMU_FRAME.encode(f))));
        }
        producer.flush();
        for (Future<?> a : acks) a.get();
        return new long[] {frames};
    }

    private void publishLabelSet(String id, LabelSet labels, List<String> devices) {
        LabelSetUpdate u = LabelSetUpdate.newBuilder().setLabelSetId(id).setVersion(1)
                .setLabels(new ArrayList<>(labels.labels())).setDeviceScope(new ArrayList<>(devices))
                .setIssuedAtEpochMicros(Clocks.nowMicros()).build();
        try {
            producer.send(new ProducerRecord<>(labelSetsTopic, id.getBytes(StandardCharsets.UTF_8),
                    WireFormat.LABEL_SET_UPDATE.encode(u))).get();
            // the control topic is read by its own source: give the update a moment to reach the inference tasks
            // before the pass's first window can fire (a window scored otherwise is reported as failed, not hidden)
            Thread.sleep(labelSetSettle.toMillis());
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot publish label set " + id + " to " + labelSetsTopic + " at "
                    + bootstrapServers + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing label set " + id, e);
        }
    }

    /**
     * Two constant, back-to-back windows must come back, and nothing else, before the path is used: the job runs,
     * its classifier is loaded, and it cuts the benchmark's windows (a job with another hop also answers a window
     * straddling the two, one with another length answers windows of that length).
     */
    private void probe(Duration timeout) {
        Channel ch = Channel.of("acc_x", SensorKind.ACCELEROMETER, "x", "wrist");
        double rate = 10.0;
        int n = EvalWindows.windowSamples(rate);
        List<BenchmarkWindow> windows = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            float[][] samples = new float[1][n];
            Arrays.fill(samples[0], 9.8f);
            windows.add(new BenchmarkWindow(new WindowKey("probe", "probe", i * n), i, 0, "still", samples, rate,
                    List.of(ch)));
        }
        BenchmarkDataset d = new BenchmarkDataset("probe", "Probe device", List.of("still"), windows, 1, 0);
        long t0 = System.nanoTime();
        StreamPass p = run(d, windows, new LabelSet("probe", 1, List.of("still", "walking")), x -> { }, timeout);
        String job = "the streaming job " + (runner != null ? "(embedded)" : "at " + bootstrapServers);
        if (p.predictions().isEmpty()) {
            throw new IllegalStateException(job + " answered no probe window within " + timeout.toSeconds()
                    + " s: is a job running on topics " + framesTopic + " / " + predictionsTopic + " with "
                    + JOB_SETTINGS + ", and no live device ahead of the replay's event time?");
        }
        Set<WindowKey> asked = new HashSet<>();
        for (BenchmarkWindow w : windows) asked.add(w.key());
        for (WindowPrediction answer : p.predictions()) {
            if (!asked.contains(answer.key())) {
                throw new IllegalStateException(job + " answered a probe window starting "
                        + String.format(Locale.ROOT, "%.1f", answer.key().startSample() / rate)
                        + " s into the probe, off the benchmark's " + WINDOW_MILLIS + " ms grid (a shorter "
                        + "--hop-ms?): the benchmark needs a job with " + JOB_SETTINGS);
            }
            if (!answer.ok()) {
                throw new IllegalStateException(job + "'s probe answer is unusable: " + answer.error());
            }
        }
        if (p.stats().answered() < windows.size()) {
            throw new IllegalStateException(job + " answered " + p.stats().answered() + " of " + windows.size()
                    + " back-to-back probe windows within " + timeout.toSeconds() + " s: the benchmark needs a job "
                    + "with " + JOB_SETTINGS);
        }
        say(String.format(Locale.ROOT, "streaming job answered a probe window pair, 6 s tumbling, in %.1f s "
                + "(Kafka %s)", (System.nanoTime() - t0) / 1e9, bootstrapServers));
    }

    private static long[] result(Future<long[]> sending) {
        try {
            return sending.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("replaying frames into Kafka failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying frames", e);
        }
    }

    private static long alignUp(long micros) {
        return Math.floorDiv(micros + GRID_MICROS - 1, GRID_MICROS) * GRID_MICROS;
    }

    private void say(String line) {
        if (log != null) log.println("stream path: " + line);
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        sender.shutdownNow();
        try {
            consumer.close(Duration.ofSeconds(5));
        } finally {
            try {
                producer.close(Duration.ofSeconds(5));
            } finally {
                if (runner != null) runner.close();
            }
        }
    }

    /** Builder of {@link StreamPath}. */
    public static final class Builder {
        private Path model;
        private String bootstrapServers;
        private double replaySpeed;
        private Duration idleTimeout = Duration.ofSeconds(20);
        private Duration startTimeout = Duration.ofSeconds(180);
        private Duration labelSetSettle = Duration.ofMillis(500);
        private double frameSeconds = 1.0;
        private int parallelism = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
        private PrintStream log;

        private Builder() {}

        /** The model bundle (required): the embedded job serves it; in address mode the job must serve the same. */
        public Builder setModel(Path bundle) {
            this.model = Objects.requireNonNull(bundle, "bundle");
            return this;
        }

        /** Kafka where a streaming job already runs (address mode); default: start an embedded broker and job. */
        public Builder optBootstrapServers(String servers) {
            if (servers != null && servers.isBlank()) {
                throw new IllegalArgumentException("bootstrap servers must not be blank");
            }
            this.bootstrapServers = servers;
            return this;
        }

        /** Replay speed: 0 (default) as fast as possible, else this multiple of real time (1 = real time). */
        public Builder optReplaySpeed(double speed) {
            if (!(speed >= 0) || Double.isInfinite(speed)) {
                throw new IllegalArgumentException("replay speed must be 0 (as fast as possible) or a positive "
                        + "multiple of real time, got " + speed);
            }
            this.replaySpeed = speed;
            return this;
        }

        /** How long a pass waits without any new prediction, after its last frame, before giving up (20 s). */
        public Builder optIdleTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("idle timeout must be positive, got " + timeout);
            }
            this.idleTimeout = timeout;
            return this;
        }

        /** How long the job may take to answer its first (probe) window (180 s). */
        public Builder optStartTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("start timeout must be positive, got " + timeout);
            }
            this.startTimeout = timeout;
            return this;
        }

        /** Frame length in seconds of samples (1.0). */
        public Builder optFrameSeconds(double seconds) {
            if (!(seconds > 0) || seconds > WINDOW_MILLIS / 1000.0) {
                throw new IllegalArgumentException("frame length must be in (0, 6] s, got " + seconds);
            }
            this.frameSeconds = seconds;
            return this;
        }

        /** Embedded job parallelism and frames-topic partitions (min(2, cores)). */
        public Builder optParallelism(int parallelism) {
            if (parallelism < 1) throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
            this.parallelism = parallelism;
            return this;
        }

        /** Where to print start-up and timeout lines (none by default). */
        public Builder optLog(PrintStream log) {
            this.log = log;
            return this;
        }

        /**
         * Opens the bundle, starts (embedded) or connects to the job, and waits for its probe answer.
         *
         * @throws IOException naming the bundle when it cannot be opened
         * @throws IllegalStateException when the job answers no probe window in time
         */
        public StreamPath build() throws Exception {
            if (model == null) throw new IllegalArgumentException("a stream path needs the model bundle (setModel)");
            return new StreamPath(this, ModelBundle.open(model));
        }
    }
}
