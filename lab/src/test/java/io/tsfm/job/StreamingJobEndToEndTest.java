package io.tsfm.job;


import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Units;
import io.tsfm.core.labels.DefaultLabels;
import io.tsfm.core.runtime.Classification;
import io.tsfm.core.runtime.LabelSet;
import io.tsfm.core.runtime.OnnxWindowClassifier;
import io.tsfm.core.runtime.SensorWindow;
import io.tsfm.core.testing.MicroBundle;
import io.tsfm.core.time.Clocks;
import io.tsfm.core.window.SampleFrame;
import io.tsfm.core.window.WindowAssembler;
import io.tsfm.core.window.WindowGrid;
import io.tsfm.job.kafka.CommittedReader;
import io.tsfm.lab.kafka.EmbeddedKafka;
import io.tsfm.job.inference.BundleClassifierFactory;
import io.tsfm.job.ClassifierFactories;
import io.tsfm.job.testing.CollectingReporter;
import io.tsfm.job.testing.HaptReplay;
import io.tsfm.job.testing.TestFrames;
import io.tsfm.lab.job.EmbeddedRunner;
import io.tsfm.schemas.WireFormat;
import io.tsfm.schemas.avro.ChannelLayout;
import io.tsfm.schemas.avro.DeadLetter;
import io.tsfm.schemas.avro.ImuFrame;
import io.tsfm.schemas.avro.Prediction;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole job on a real Flink MiniCluster against a real Kafka broker: real HAPT recordings replayed as frames,
 * malformed records among them; every prediction read back read_committed must equal what the classifier returns
 * for the same window cut directly by the shared windowing rule (the stream path changes nothing), each window
 * exactly once, and every malformed record must sit in the dead-letter topic with its reason and its bytes.
 *
 * <p>The classifier is the real one: the job's built-in bundle factory over the committed micro bundle
 * ({@link MicroBundle}), compared with an {@link OnnxWindowClassifier} over the same bundle called directly.
 */
class StreamingJobEndToEndTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(reporting()).setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static Configuration reporting() {
        Configuration c = new Configuration();
        c.setString("metrics.reporter.collect.factory.class", CollectingReporter.Factory.class.getName());
        return c;
    }

    private static final int RATE = 50;
    private static final int FRAME_STEPS = 25; // 0.5 s frames
    private static final double SECONDS = 30;
    private static final WindowAssembler RULE = new WindowAssembler(6.0, 0.5, 0.8);
    private static final WindowGrid GRID = WindowGrid.ofMillis(6000, 2000);

    private static EmbeddedKafka kafka;
    private static OnnxWindowClassifier direct;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.builder().optNumPartitions(2).build();
        direct = MicroBundle.shared();
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void replayedRecordingsArePredictedAsTheClassifierDoesDirectlyAndBadRecordsAreDeadLettered() throws Exception {
        JobOptions o = options("e2e");
        // an hour ago, on the 2 s grid: historical event time, like a replay
        long t0 = (System.currentTimeMillis() / 2000 - 1800) * 2_000_000L;
        Map<String, float[][]> recordings = Map.of(
                "hapt-exp01", HaptReplay.read(1, 1, SECONDS),
                "hapt-exp02", HaptReplay.read(2, 1, SECONDS),
                "hapt-exp03", HaptReplay.read(3, 2, SECONDS));
        Map<String, List<ImuFrame>> frames = new HashMap<>();
        recordings.forEach((device, signal) -> frames.put(device, frames(device, signal, t0)));

        Map<String, RecordMetadata> bad = new HashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            int count = frames.get("hapt-exp01").size();
            for (int i = 0; i < count; i++) {
                for (String device : List.of("hapt-exp01", "hapt-exp02", "hapt-exp03")) {
                    send(producer, o.framesTopic(), device, TestFrames.encode(frames.get(device).get(i)));
                }
                if (i == 20) {
                    sendMalformed(producer, o.framesTopic(), t0, bad);
                }
            }
        }

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        // one ONNX Runtime thread per task, as the job's default
        TsfmPipeline.build(env, o, new BundleClassifierFactory(MicroBundle.path(), 1));
        env.execute(o.jobName()); // bounded: returns once every record is processed and the last checkpoint done

        List<Prediction> predictions = readCommitted(o.predictionsTopic(), WireFormat.PREDICTION::decode);
        Map<String, Prediction> byWindow = new HashMap<>();
        for (Prediction p : predictions) {
            Prediction before = byWindow.put(p.getDeviceId() + "@" + p.getWindowStartEpochMicros(), p);
            assertThat(before).as("window %s@%d predicted twice", p.getDeviceId(), p.getWindowStartEpochMicros())
                    .isNull();
        }

        Map<String, Classification> expected = expectedPredictions(frames);
        // 30 s from each of 3 devices: windows [0,6) .. [24,30) complete, 13 each
        assertThat(expected).hasSize(39);
        assertThat(byWindow.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        String modelId = direct.modelId();
        for (var e : expected.entrySet()) {
            Prediction p = byWindow.get(e.getKey());
            Classification c = e.getValue();
            assertThat(p.getTopK()).extracting(s -> s.getLabel())
                    .containsExactlyElementsOf(c.topK().stream().map(Classification.ScoredLabel::label).toList());
            for (int j = 0; j < c.topK().size(); j++) {
                assertThat(p.getTopK().get(j).getScore()).isEqualTo(c.topK().get(j).score());
            }
            assertThat(p.getWindowEndEpochMicros() - p.getWindowStartEpochMicros()).isEqualTo(6_000_000);
            assertThat(p.getLabelSetId()).isEqualTo("default");
            assertThat(p.getLabelSetVersion()).isZero();
            assertThat(p.getModelBundleSha256()).isEqualTo(modelId);
            assertThat(p.getProcessingLatencyMicros()).isNotNegative();
            // no device send time: the end-to-end latency runs from the frame's Kafka timestamp
            assertThat(p.getEndToEndLatencyMicros()).isNotNull().isNotNegative();
        }

        List<DeadLetter> dead = readCommitted(o.deadLettersTopic(), WireFormat.DEAD_LETTER::decode);
        Map<String, DeadLetter> byOffset = dead.stream().collect(Collectors.toMap(
                d -> d.getSourcePartition() + "@" + d.getSourceOffset(), d -> d));
        Map<String, String> reasons = new HashMap<>();
        bad.forEach((kind, meta) -> {
            DeadLetter d = byOffset.get(meta.partition() + "@" + meta.offset());
            assertThat(d).as("dead letter for %s", kind).isNotNull();
            assertThat(d.getSourceTopic()).isEqualTo(o.framesTopic());
            reasons.put(kind, d.getReason().name());
        });
        assertThat(reasons).containsExactlyInAnyOrderEntriesOf(Map.of(
                "bad bytes", "BAD_HEADER",
                "unknown schema", "UNKNOWN_SCHEMA",
                "NaN samples", "INVALID_RECORD",
                "inline layout of the wrong width", "INVALID_RECORD",
                "layout ref of the wrong width", "INVALID_RECORD",
                "zero rate", "INVALID_RECORD",
                "far future", "INVALID_RECORD",
                "unknown layout", "UNKNOWN_LAYOUT"));
        assertThat(dead).hasSize(bad.size());
        DeadLetter nan = byOffset.get(bad.get("NaN samples").partition() + "@" + bad.get("NaN samples").offset());
        assertThat(nan.getDetail()).contains("is NaN");
        assertThat(bytes(nan.getPayload())).isEqualTo(sentNan);
        DeadLetter future = byOffset.get(bad.get("far future").partition() + "@" + bad.get("far future").offset());
        assertThat(future.getDetail()).contains("ahead of the job's clock");

        // what the job counted matches what it wrote
        String job = o.jobName();
        assertThat(CollectingReporter.counter(job, ".deadLetters.bad_header")).isEqualTo(1);
        assertThat(CollectingReporter.counter(job, ".deadLetters.unknown_schema")).isEqualTo(1);
        assertThat(CollectingReporter.counter(job, ".deadLetters.invalid_record")).isEqualTo(5);
        assertThat(CollectingReporter.counter(job, ".deadLetters.unknown_layout")).isEqualTo(1);
        assertThat(CollectingReporter.counter(job, ".windowsAssembled")).isEqualTo(39);
        assertThat(CollectingReporter.counter(job, ".windowsClassified")).isEqualTo(39);
        // 30 s per device: [-4,2) [-2,4) at the start and [26,32) [28,34) at the end lack data
        assertThat(CollectingReporter.counter(job, ".windowsRejected.coverage")).isEqualTo(12);
        assertThat(CollectingReporter.counter(job, ".lateFrames")).isZero();
        assertThat(CollectingReporter.histogramCount(job, ".batchSize")).isPositive();
        assertThat(CollectingReporter.histogramCount(job, ".inferenceLatencyMicros"))
                .isEqualTo(CollectingReporter.histogramCount(job, ".batchSize"));
        assertThat(CollectingReporter.has(job, ".eventTimeLagMillis")).isTrue();
        assertThat(CollectingReporter.has(job, ".windowsAssembledPerSecond")).isTrue();
    }

    @Test
    void theJobRunsWhenSubmittedToAClusterRestEndpoint() throws Exception {
        Configuration client = FLINK.getClientConfiguration();
        String rest = client.get(RestOptions.ADDRESS) + ":" + client.get(RestOptions.PORT);
        JobOptions o = options("remote");
        long t0 = (System.currentTimeMillis() / 2000 - 1800) * 2_000_000L;
        List<ImuFrame> frames = frames("dev-remote", TestFrames.signal("dev-remote", 0, 500), t0);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (ImuFrame f : frames) {
                send(producer, o.framesTopic(), "dev-remote", TestFrames.encode(f));
            }
        }
        List<String> args = new ArrayList<>(List.of(argv(o)));
        args.addAll(List.of("--cluster", rest, "--model", MicroBundle.path().toString()));
        JobOptions remote = JobOptions.parse(args.toArray(String[]::new));
        // a plain JVM submitting over REST, as `tsfm job --cluster` does: not the test's context environment
        TestStreamEnvironment.unsetAsContext();
        JobClient job = StreamingJob.submit(remote, ClassifierFactories.resolve(remote));
        job.getJobExecutionResult().get();
        // 10 s of data: [0,6) [2,8) [4,10)
        assertThat(readCommitted(o.predictionsTopic(), WireFormat.PREDICTION::decode))
                .extracting(p -> p.getWindowStartEpochMicros() - t0)
                .containsExactlyInAnyOrder(0L, 2_000_000L, 4_000_000L);
    }

    /**
     * Event time is per device: 8 devices on the wall clock, one 30 s ahead and one 10 min ahead (valid frames, a
     * wrong clock), their frames interleaved with the skewed devices' first. With a global watermark the healthy
     * devices' frames were late and their windows lost; here every device gets every window of its own, each once,
     * nothing is dead-lettered, and the last windows close through the idle timeout of an unbounded job.
     */
    @Test
    void aDeviceClockAheadByThirtySecondsOrTenMinutesCostsNoDeviceAWindow() throws Exception {
        List<String> argv = new ArrayList<>(List.of(argv("skew")));
        argv.remove("--bounded"); // a live job: only the idle timeout closes the last windows
        argv.addAll(List.of("--idle-timeout-ms", "2000"));
        JobOptions o = JobOptions.parse(argv.toArray(String[]::new));
        long now = (System.currentTimeMillis() / 2000) * 2_000_000L;
        long t0 = now - 30_000_000L; // the healthy devices' last 20 s end 10 s before now
        Map<String, Long> offsets = new java.util.LinkedHashMap<>();
        offsets.put("skew-10min", 600_000_000L);
        offsets.put("skew-30s", 30_000_000L);
        for (int i = 0; i < 8; i++) {
            offsets.put("healthy-" + i, 0L);
        }
        Map<String, List<ImuFrame>> frames = new HashMap<>();
        offsets.forEach((device, offset) -> frames.put(device,
                frames(device, TestFrames.signal(device, 0, 20 * RATE), t0 + offset)));
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int i = 0; i < frames.get("healthy-0").size(); i++) {
                for (String device : offsets.keySet()) {
                    send(producer, o.framesTopic(), device, TestFrames.encode(frames.get(device).get(i)));
                }
            }
        }
        Map<String, Classification> expected = expectedPredictions(frames);
        // 20 s per device: [0,6) .. [14,20), 8 each
        assertThat(expected).hasSize(80);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        TsfmPipeline.build(env, o, new BundleClassifierFactory(MicroBundle.path(), 1));
        JobClient job = env.executeAsync(o.jobName());
        List<Prediction> predictions;
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            predictions = readCommitted(o.predictionsTopic(), WireFormat.PREDICTION::decode);
            while (predictions.size() < expected.size() && System.nanoTime() < deadline
                    && !job.getJobStatus().get().isGloballyTerminalState()) {
                Thread.sleep(250);
                predictions = readCommitted(o.predictionsTopic(), WireFormat.PREDICTION::decode);
            }
            assertThat(CollectingReporter.histogramCount(o.jobName(), ".clockSkewMillis")).isPositive();
        } finally {
            job.cancel().get();
        }
        Map<String, Integer> seen = new HashMap<>();
        Map<String, Prediction> byWindow = new HashMap<>();
        for (Prediction p : predictions) {
            String key = p.getDeviceId() + "@" + p.getWindowStartEpochMicros();
            seen.merge(key, 1, Integer::sum);
            byWindow.put(key, p);
        }
        assertThat(seen).as("no window predicted twice").allSatisfy((k, n) -> assertThat(n).as(k).isOne());
        assertThat(byWindow.keySet()).as("every device, healthy or skewed, gets every window of its own")
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((key, c) -> assertThat(byWindow.get(key).getTopK()).extracting(x -> x.getLabel())
                .as(key).containsExactlyElementsOf(c.topK().stream().map(Classification.ScoredLabel::label).toList()));
        assertThat(readCommitted(o.deadLettersTopic(), WireFormat.DEAD_LETTER::decode))
                .as("no frame dead-lettered (none late)").isEmpty();
        System.out.println("skewed clocks: " + byWindow.size() + " windows of " + offsets.size()
                + " devices, each predicted once, none late");
    }

    // ---------------------------------------------------------------------------------------------------------------

    private byte[] sentNan;

    private void sendMalformed(KafkaProducer<byte[], byte[]> producer, String topic, long t0,
                               Map<String, RecordMetadata> bad) throws Exception {
        String dev = "hapt-exp01";
        float[][] ok = TestFrames.signal(dev, 0, FRAME_STEPS);
        long at = t0 + 10_000_000;
        bad.put("bad bytes", send(producer, topic, dev, "{\"deviceId\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
        byte[] unknown = TestFrames.encode(TestFrames.imuFrame(dev, 900, at, RATE, ok, false, null));
        ByteBuffer.wrap(unknown, 2, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(42L);
        bad.put("unknown schema", send(producer, topic, dev, unknown));
        float[][] nan = TestFrames.signal(dev, 0, FRAME_STEPS);
        nan[1][7] = Float.NaN;
        sentNan = TestFrames.encode(TestFrames.imuFrame(dev, 901, at, RATE, nan, false, null));
        bad.put("NaN samples", send(producer, topic, dev, sentNan));
        ImuFrame wide = TestFrames.imuFrame(dev, 902, at, RATE, ok, true, null);
        ImuFrame narrowLayout = ImuFrame.newBuilder(wide).setLayout(new ChannelLayout("narrow",
                TestFrames.layout().getChannels().subList(0, 3))).build();
        bad.put("inline layout of the wrong width", send(producer, topic, dev,
                TestFrames.encodeUnchecked(narrowLayout)));
        float[][] three = {ok[0], ok[1], ok[2]};
        bad.put("layout ref of the wrong width", send(producer, topic, dev,
                TestFrames.encode(TestFrames.imuFrame(dev, 903, at, RATE, three, false, null))));
        bad.put("zero rate", send(producer, topic, dev,
                TestFrames.encodeUnchecked(TestFrames.imuFrame(dev, 904, at, 0, ok, false, null))));
        long future = Clocks.nowMicros() + 3_600_000_000L;
        bad.put("far future", send(producer, topic, dev,
                TestFrames.encode(TestFrames.imuFrame(dev, 905, future, RATE, ok, false, null))));
        bad.put("unknown layout", send(producer, topic, "ghost",
                TestFrames.encode(TestFrames.imuFrame("ghost", 0, at, RATE, ok, false, null))));
    }

    private static List<ImuFrame> frames(String device, float[][] signal, long t0) {
        List<ImuFrame> out = new ArrayList<>();
        int n = signal[0].length;
        for (int k = 0; k * FRAME_STEPS < n; k++) {
            float[][] part = new float[signal.length][];
            for (int c = 0; c < signal.length; c++) {
                part[c] = java.util.Arrays.copyOfRange(signal[c], k * FRAME_STEPS, (k + 1) * FRAME_STEPS);
            }
            long start = t0 + k * (FRAME_STEPS * 1_000_000L / RATE);
            out.add(TestFrames.imuFrame(device, k, start, RATE, part, k == 0, null));
        }
        return out;
    }

    /** Every grid window of every device cut by the shared rule and classified directly: device@start -> result. */
    private static Map<String, Classification> expectedPredictions(Map<String, List<ImuFrame>> frames) {
        Map<String, Classification> out = new HashMap<>();
        LabelSet labels = new LabelSet("default", 0, DefaultLabels.TEXTS);
        float g = (float) Units.toCanonical(SensorKind.ACCELEROMETER, "g");
        frames.forEach((device, list) -> {
            List<SampleFrame> sf = list.stream().map(f -> TestFrames.decode(f, 0).toSampleFrame()).toList();
            long first = sf.get(0).startMicros();
            long last = sf.get(sf.size() - 1).endMicros();
            for (long e = GRID.firstEnd(first); e <= GRID.lastEnd(last); e += GRID.hopMicros()) {
                WindowAssembler.Result r = RULE.assemble(sf, GRID.startOf(e));
                if (!r.ok()) {
                    continue;
                }
                float[][] s = r.samples();
                for (int c = 0; c < 3; c++) {
                    for (int t = 0; t < s[c].length; t++) {
                        s[c][t] *= g;
                    }
                }
                String id = device + "@" + GRID.startOf(e);
                out.put(id, direct.classify(List.of(new SensorWindow(id, s, RATE,
                        List.of(TestFrames.DESCRIPTIONS))), labels, 3).get(0));
            }
        });
        return out;
    }

    private static JobOptions options(String name) {
        return JobOptions.parse(argv(name));
    }

    private static String[] argv(JobOptions o) {
        return new String[] {"--bootstrap-servers", o.bootstrapServers(), "--frames-topic", o.framesTopic(),
                "--label-sets-topic", o.labelSetsTopic(), "--predictions-topic", o.predictionsTopic(),
                "--dead-letters-topic", o.deadLettersTopic(), "--group-id", o.groupId(),
                "--transactional-id-prefix", o.transactionalIdPrefix(), "--job-name", o.jobName(), "--bounded",
                "--parallelism", "2",
                "--checkpoint-interval-ms", "500"};
    }

    private static String[] argv(String name) {
        String id = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        JobOptions o = JobOptions.parse("--bootstrap-servers", kafka.bootstrapServers(),
                "--frames-topic", "frames." + id, "--label-sets-topic", "labels." + id,
                "--predictions-topic", "predictions." + id, "--dead-letters-topic", "dead." + id,
                "--group-id", "group-" + id, "--transactional-id-prefix", "tx-" + id, "--job-name", "job-" + id);
        EmbeddedRunner.createTopics(kafka, JobOptions.parse(argv(o)));
        return argv(o);
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 5), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static RecordMetadata send(KafkaProducer<byte[], byte[]> producer, String topic, String key,
                                       byte[] value) throws Exception {
        return producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value)).get();
    }

    /** Everything committed in {@code topic}, read with isolation.level=read_committed up to the stable end. */
    private static <T> List<T> readCommitted(String topic, java.util.function.Function<byte[], T> decode) {
        return CommittedReader.readAll(kafka.bootstrapServers(), topic, decode, Duration.ofSeconds(20));
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
