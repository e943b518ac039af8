package io.tsfm.lab.perf;

import io.tsfm.core.labels.DefaultLabels;
import io.tsfm.core.time.Clocks;
import io.tsfm.lab.TsfmHome;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.catalog.DatasetCatalog;
import io.tsfm.datasets.eval.DatasetWindows;
import io.tsfm.core.runtime.LabelSet;
import io.tsfm.core.runtime.OnnxWindowClassifier;
import io.tsfm.core.runtime.SensorWindow;
import io.tsfm.lab.fleet.FleetReport;
import io.tsfm.lab.fleet.FleetSimulator;
import io.tsfm.lab.fleet.Imperfections;
import io.tsfm.lab.fleet.KafkaFleetSink;
import io.tsfm.edge.kafka.KafkaSettings;
import io.tsfm.edge.source.Pacer;
import io.tsfm.export.bundle.BundleExporter;
import io.tsfm.lab.job.EmbeddedRunner;
import io.tsfm.job.JobOptions;
import io.tsfm.job.ClassifierFactories;
import io.tsfm.job.kafka.CommittedReader;
import io.tsfm.lab.kafka.EmbeddedKafka;
import io.tsfm.schemas.WireFormat;
import io.tsfm.schemas.avro.Prediction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.JobStatus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * How many simulated devices the embedded job (real broker, MiniCluster, bundle classifier)
 * serves in real time, and what Kafka + Flink cost against the raw classifier. Steps through a ladder of fleet sizes
 * (devices replaying real sessions at {@code --rate-hz}, 6 channels, frames of {@code --frame-ms}, paced in real time
 * so event time is wall time); per step it measures, for the windows ending in the measured interval, the end-to-end
 * latency from window end to the prediction written to Kafka (the prediction's {@code emittedAt}) and to it becoming
 * visible to a read_committed consumer, and whether every expected window arrived. A step is sustained when at least
 * 99% of the expected windows arrived, the p99 latency to visible is at most {@code --p99-visible-ms} (2 s) and the
 * fleet kept to its pace. Then a saturation run (an unpaced
 * backlog) gives the job's windows/s, set against the raw classifier's windows/s with the same threads, measured in
 * the same run. Everything runs in this JVM on this machine, the load generator included.
 */
public final class JobCapacity {
    private final Path model;
    private final List<Integer> ladder;
    private final double seconds;
    private final double warmup;
    private final double rateHz;
    private final double frameMillis;
    private final int parallelism;
    private final int inferenceThreads;
    private final long outOfOrdernessMillis;
    private final long checkpointMillis;
    private final long maxWaitMillis;
    private final int saturationDevices;
    private final double saturationSeconds;
    private final double rawSeconds;
    private final DataRoot root;
    private final int repeats;
    private final long visibleP99Millis;
    private final boolean profile;

    /**
     * Seconds the fleet runs past the measured interval: a window closes when later data moves the watermark past
     * its end (the bound plus a frame), so the measured windows all close while the fleet still runs.
     */
    private static final double COOLDOWN_SECONDS = 3;

    /** Seconds between a device's window ends (6 s windows every 2 s). */
    private static final double HOP_SECONDS = 2;

    /** Seconds a window spans. */
    private static final double WINDOW_SECONDS = 6;

    /** One prediction as the consumer saw it. */
    private record Seen(String device, long windowEndMicros, long emittedMicros, long visibleMicros) {
        static Seen of(Prediction p, long visibleMicros) {
            return new Seen(p.getDeviceId(), p.getWindowEndEpochMicros(), p.getEmittedAtEpochMicros(), visibleMicros);
        }
    }

    /** One trial's figures; the profiles are null unless profiled. */
    private record Trial(List<Step> steps, int best, double saturated, double raw, ThreadCpu.Result ladderCpu,
                         Map<StageSampler.Stage, Integer> ladderStages, ThreadCpu.Result saturationCpu,
                         Map<StageSampler.Stage, Integer> saturationStages) {
        /** Devices the raw classifier could serve: its windows/s times the hop (one window per device per hop). */
        double allowed() {
            return raw * HOP_SECONDS;
        }
    }

    /** One step's figures. */
    private record Step(int devices, long expected, long received, double windowsPerSecond, double p50Kafka,
                        double p99Kafka, double p99Visible, double fleetLagSeconds, boolean sustained) {}

    private JobCapacity(Builder b) {
        this.model = b.model;
        this.ladder = b.ladder;
        this.seconds = b.seconds;
        this.warmup = b.warmup;
        this.rateHz = b.rateHz;
        this.frameMillis = b.frameMillis;
        this.parallelism = b.parallelism;
        this.inferenceThreads = b.inferenceThreads;
        this.outOfOrdernessMillis = b.outOfOrdernessMillis;
        this.checkpointMillis = b.checkpointMillis;
        this.maxWaitMillis = b.maxWaitMillis;
        this.saturationDevices = b.saturationDevices;
        this.saturationSeconds = b.saturationSeconds;
        this.rawSeconds = b.rawSeconds;
        this.root = b.root;
        this.repeats = b.repeats;
        this.visibleP99Millis = b.visibleP99Millis;
        this.profile = b.profile;
    }

    /** A builder; {@code setDataRoot} is required, the rest defaults as {@code tsfm perf job} does. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs {@code repeats} trials (each: the raw classifier, the saturation run, the fleet ladder, on a fresh broker
     * and job) and prints every trial's table and the medians over trials on standard output; returns 0.
     */
    public int run() throws Exception {
        Path bundle = model != null ? model : TsfmHome.require().resolve(TsfmHome.DEFAULT_BUNDLE);
        if (!Files.isRegularFile(bundle.resolve("manifest.json"))) {
            throw new IllegalArgumentException("no bundle at " + bundle + " (pass --model BUNDLE)");
        }
        Dataset hapt = DatasetCatalog.load(root).read("hapt", root);
        PrintStreamLog log = new PrintStreamLog();
        List<Trial> trials = new ArrayList<>();
        for (int r = 1; r <= repeats; r++) {
            log.line("trial " + r + " of " + repeats);
            trials.add(trial(bundle, hapt, log, profile && r == 1));
        }

        System.out.println("tsfm perf job: embedded Kafka + Flink MiniCluster (parallelism " + parallelism + ", "
                + inferenceThreads + " ONNX Runtime thread(s) per task) + fleet simulator in one JVM, "
                + Runtime.getRuntime().availableProcessors() + " cores; bundle " + bundle);
        System.out.printf(Locale.ROOT, "devices at %.0f Hz, 6 channels, %.0f ms frames; windows 6 s every %.0f s; "
                        + "watermark bound %d ms, checkpoints every %d ms; %.0f s measured per step after %.0f s; "
                        + "sustained: >= 99%% of windows, p99 window end -> visible to a read_committed consumer "
                        + "<= %d ms, fleet on time%n",
                rateHz, frameMillis, HOP_SECONDS, outOfOrdernessMillis, checkpointMillis, seconds, warmup,
                visibleP99Millis);
        for (int r = 0; r < trials.size(); r++) {
            Trial t = trials.get(r);
            System.out.println("trial " + (r + 1) + ":");
            System.out.println(" devices  windows  arrived  windows/s  p50->Kafka  p99->Kafka  p99->visible  "
                    + "fleet lag  sustained");
            for (Step s : t.steps()) {
                System.out.printf(Locale.ROOT, "%8d %8d %8d %10.1f %9.0f ms %9.0f ms %11.0f ms %8.1f s  %s%n",
                        s.devices(), s.expected(), s.received(), s.windowsPerSecond(), s.p50Kafka(), s.p99Kafka(),
                        s.p99Visible(), s.fleetLagSeconds(), s.sustained() ? "yes" : "NO");
            }
            System.out.printf(Locale.ROOT, "  largest fleet sustained: %s; saturated job %.1f windows/s, raw "
                            + "classifier %.1f windows/s (job/raw %.2f); the raw classifier allows %.0f devices (raw x "
                            + "%.0f s hop), sustained/allowed %.2f%n", t.best() > 0 ? t.best() + " devices" : "none of those tried",
                    t.saturated(), t.raw(), t.saturated() / t.raw(), t.allowed(), HOP_SECONDS, t.best() / t.allowed());
        }
        System.out.printf(Locale.ROOT, "median of %d trial(s): largest fleet sustained %.0f devices; job/raw %.2f; "
                        + "sustained/allowed %.2f%n", trials.size(),
                median(trials.stream().mapToDouble(Trial::best).toArray()),
                median(trials.stream().mapToDouble(t -> t.saturated() / t.raw()).toArray()),
                median(trials.stream().mapToDouble(t -> t.best() / t.allowed()).toArray()));
        Trial first = trials.get(0);
        if (first.ladderCpu() != null) {
            System.out.println("where the CPU went, trial 1 (thread CPU time by role):");
            System.out.println(" fleet ladder (paced fleet, broker and job in this JVM):");
            first.ladderCpu().lines().forEach(System.out::println);
            System.out.println(" saturation (the job draining a backlog):");
            first.saturationCpu().lines().forEach(System.out::println);
            System.out.println("inside the Flink task threads, by stage (JFR samples every 10 ms):");
            System.out.println(" fleet ladder:");
            StageSampler.lines(first.ladderStages()).forEach(System.out::println);
            System.out.println(" saturation:");
            StageSampler.lines(first.saturationStages()).forEach(System.out::println);
        }
        return 0;
    }

    /** One trial: a fresh broker and job. */
    private Trial trial(Path bundle, Dataset hapt, PrintStreamLog log, boolean profileIt) throws Exception {
        double raw = rawClassifier(bundle, hapt, log);
        List<Step> steps = new ArrayList<>();
        Profile saturationProfile;
        Profile ladderProfile;
        double saturated;
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().optNumPartitions(Math.max(2, parallelism)).build()) {
            KafkaSettings producer = KafkaSettings.builder().setBootstrapServers(kafka.bootstrapServers())
                    .optProperty("linger.ms", "5").build();
            Drained drained = saturation(bundle, hapt, kafka, producer, log, profileIt);
            saturated = drained.windowsPerSecond();
            saturationProfile = drained.profile();
            JobOptions o = options(bundle, kafka, "ladder", "--starting-offsets", "earliest");
            try (EmbeddedRunner runner = EmbeddedRunner.start(o, ClassifierFactories.resolve(o))) {
                log.line("job running (" + runner.job().getJobID() + ") for the fleet ladder");
                ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
                AtomicBoolean stop = new AtomicBoolean();
                ExecutorService pool = Executors.newSingleThreadExecutor();
                CountDownLatch assigned = new CountDownLatch(1);
                Future<?> consumer = pool.submit(() -> consume(kafka.bootstrapServers(), o.predictionsTopic(), seen,
                        stop, assigned));
                assigned.await();
                try {
                    ladderProfile = profiled(profileIt, () -> {
                        for (int devices : ladder) {
                            Step s = step(devices, hapt, producer, o, seen, log);
                            steps.add(s);
                            JobStatus status = runner.job().getJobStatus().get();
                            if (status != JobStatus.RUNNING) {
                                throw new IllegalStateException("the job is " + status + " after " + devices
                                        + " devices: "
                                        + runner.job().getJobExecutionResult().handle((r, e) -> e).get());
                            }
                            if (!s.sustained()) break;
                        }
                    });
                } finally {
                    stop.set(true);
                    consumer.get();
                    pool.shutdown();
                }
            }
        }
        int best = steps.stream().filter(Step::sustained).mapToInt(Step::devices).max().orElse(0);
        return new Trial(steps, best, saturated, raw, ladderProfile.cpu(), ladderProfile.stages(),
                saturationProfile.cpu(), saturationProfile.stages());
    }

    /** Work whose CPU is measured when profiling. */
    private interface Measured {
        void run() throws Exception;
    }

    /** The saturation run's rate and, when profiled, where its CPU went. */
    private record Drained(double windowsPerSecond, Profile profile) {}

    /** What profiling one phase found (nulls when not profiled). */
    private record Profile(ThreadCpu.Result cpu, Map<StageSampler.Stage, Integer> stages) {}

    private static Profile profiled(boolean on, Measured work) throws Exception {
        if (!on) {
            work.run();
            return new Profile(null, null);
        }
        ThreadCpu cpu = ThreadCpu.start();
        try (StageSampler sampler = StageSampler.start(n -> ThreadCpu.roleOf(n) == ThreadCpu.Role.FLINK_TASKS)) {
            work.run();
            return new Profile(cpu.stop(), sampler.stop());
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** The raw classifier's windows/s: {@code parallelism} threads, each its own classifier, batches of 32. */
    private double rawClassifier(Path bundle, Dataset hapt, PrintStreamLog log) throws Exception {
        List<SensorWindow> windows = DatasetWindows.spread(DatasetWindows.of(hapt,
                BundleExporter.SERVING_PATCH_SECONDS), 256).stream().map(DatasetWindows.Labeled::window).toList();
        LabelSet labels = new LabelSet("default", 0, DefaultLabels.TEXTS);
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        try {
            List<OnnxWindowClassifier> classifiers = new ArrayList<>();
            for (int i = 0; i < parallelism; i++) {
                classifiers.add(OnnxWindowClassifier.builder().setBundle(bundle).optIntraOpThreads(inferenceThreads)
                        .build());
            }
            try {
                for (OnnxWindowClassifier c : classifiers) c.classify(windows.subList(0, 32), labels, 3); // warm-up
                long end = System.nanoTime() + (long) (rawSeconds * 1e9);
                long t0 = System.nanoTime();
                List<Future<Long>> counts = new ArrayList<>();
                for (OnnxWindowClassifier c : classifiers) {
                    counts.add(pool.submit(() -> {
                        long n = 0;
                        for (int i = 0; System.nanoTime() < end; i = (i + 32) % (windows.size() - 32)) {
                            n += c.classify(windows.subList(i, i + 32), labels, 3).size();
                        }
                        return n;
                    }));
                }
                long n = 0;
                for (Future<Long> f : counts) n += f.get();
                double perSecond = n / ((System.nanoTime() - t0) / 1e9);
                log.line(String.format(Locale.ROOT, "raw classifier: %d windows in %.1f s = %.1f windows/s", n,
                        (System.nanoTime() - t0) / 1e9, perSecond));
                return perSecond;
            } finally {
                for (OnnxWindowClassifier c : classifiers) c.close();
            }
        } finally {
            pool.shutdown();
        }
    }

    private Step step(int devices, Dataset hapt, KafkaSettings kafka, JobOptions o, ConcurrentLinkedQueue<Seen> seen,
                      PrintStreamLog log) throws Exception {
        seen.clear();
        String prefix = "d" + devices + "-";
        FleetReport report;
        long measureFrom;
        long measureTo;
        long wallStart = System.nanoTime();
        try (KafkaFleetSink sink = new KafkaFleetSink(kafka, o.framesTopic())) {
            FleetSimulator fleet = FleetSimulator.builder().setSessions(hapt.sessions()).setSink(sink)
                    .optDevices(devices).optRateHz(rateHz).optFrameSeconds(frameMillis / 1000)
                    .optSeconds(warmup + seconds + COOLDOWN_SECONDS).optPacer(Pacer.realTime())
                    .optImperfections(Imperfections.none())
                    .optDevicePrefix(prefix).build();
            // a window that began before the fleet did is incomplete and never predicted: measure from the first
            // whole one even when the warm-up is shorter than a window
            measureFrom = fleet.startMicros() + (long) (Math.max(warmup, WINDOW_SECONDS) * 1e6);
            measureTo = fleet.startMicros() + (long) ((warmup + seconds) * 1e6);
            report = fleet.run();
        }
        double fleetLag = (System.nanoTime() - wallStart) / 1e9 - (warmup + seconds + COOLDOWN_SECONDS);
        // the cool-down data closed the measured windows; one more checkpoint makes the last of them visible
        Thread.sleep(2 * checkpointMillis + 1000);
        // windows ending in [from, to]: per device the grid ends in that span
        long hop = (long) (HOP_SECONDS * 1e6);
        long firstEnd = ((measureFrom + hop - 1) / hop) * hop;
        long perDeviceExpected = firstEnd > measureTo ? 0 : (measureTo - firstEnd) / hop + 1;
        long expected = perDeviceExpected * devices;
        List<Double> toKafka = new ArrayList<>();
        List<Double> toVisible = new ArrayList<>();
        Map<String, Integer> perDevice = new HashMap<>();
        for (Seen s : seen) {
            if (!s.device().startsWith(prefix) || s.windowEndMicros() < measureFrom || s.windowEndMicros() > measureTo) {
                continue;
            }
            toKafka.add((s.emittedMicros() - s.windowEndMicros()) / 1000.0);
            toVisible.add((s.visibleMicros() - s.windowEndMicros()) / 1000.0);
            perDevice.merge(s.device(), 1, Integer::sum);
        }
        double p99 = percentile(toKafka, 0.99);
        double p99Visible = percentile(toVisible, 0.99);
        IntSummaryStatistics spread = perDevice.values().stream().mapToInt(Integer::intValue).summaryStatistics();
        boolean sustained = toKafka.size() >= 0.99 * expected && p99Visible <= visibleP99Millis && fleetLag < 2;
        double measured = (measureTo - measureFrom) / 1e6;
        Step s = new Step(devices, expected, toKafka.size(), toKafka.size() / measured, percentile(toKafka, 0.5), p99,
                p99Visible, fleetLag, sustained);
        log.line(String.format(Locale.ROOT, "%d devices: %d of %d windows (%d devices heard, %d..%d windows each of "
                        + "%d), p99 to Kafka %.0f ms, visible %.0f ms, fleet %d frames (lag %.1f s) -> %s", devices,
                s.received(), expected, perDevice.size(), spread.getMin(), spread.getMax(), perDeviceExpected, p99,
                s.p99Visible(), report.framesSent(), fleetLag, sustained ? "sustained" : "NOT sustained"));
        return s;
    }

    /** The job's options for one phase: its own topics on {@code kafka}, created here. */
    private JobOptions options(Path bundle, EmbeddedKafka kafka, String phase, String... more) {
        List<String> args = new ArrayList<>(List.of("--bootstrap-servers", kafka.bootstrapServers(),
                "--frames-topic", phase + ".frames", "--label-sets-topic", phase + ".labels",
                "--predictions-topic", phase + ".predictions", "--dead-letters-topic", phase + ".dead",
                "--group-id", phase, "--transactional-id-prefix", phase, "--job-name", "perf-" + phase,
                "--model", bundle.toString(), "--parallelism", Integer.toString(parallelism),
                "--inference-threads", Integer.toString(inferenceThreads),
                "--out-of-orderness-ms", Long.toString(outOfOrdernessMillis),
                "--checkpoint-interval-ms", Long.toString(checkpointMillis),
                "--max-wait-ms", Long.toString(maxWaitMillis),
                "--partitions", Integer.toString(Math.max(2, parallelism))));
        args.addAll(List.of(more));
        JobOptions o = JobOptions.parse(args.toArray(String[]::new));
        EmbeddedRunner.createTopics(kafka, o);
        return o;
    }

    /**
     * Windows/s the job drains from a backlog: the fleet's frames written first (historical event time, unpaced),
     * then a bounded job started on them; the rate between 10% and 90% of the predictions written.
     */
    private Drained saturation(Path bundle, Dataset hapt, EmbeddedKafka kafka, KafkaSettings producer,
                               PrintStreamLog log, boolean profileIt) throws Exception {
        JobOptions o = options(bundle, kafka, "backlog", "--starting-offsets", "earliest", "--bounded");
        FleetReport fleet;
        try (KafkaFleetSink sink = new KafkaFleetSink(producer, o.framesTopic())) {
            fleet = FleetSimulator.builder().setSessions(hapt.sessions()).setSink(sink).optDevices(saturationDevices)
                    .optRateHz(rateHz).optFrameSeconds(frameMillis / 1000).optSeconds(saturationSeconds)
                    .optPacer(Pacer.unpaced()).optImperfections(Imperfections.none()).optDevicePrefix("sat-")
                    .build().run();
        }
        log.line("backlog: " + fleet.framesSent() + " frames of " + saturationDevices + " devices written; "
                + "starting a bounded job on them");
        ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
        // profiled from the job's start to its end: the backlog's writing is not part of it
        Profile profile = profiled(profileIt, () -> {
            try (EmbeddedRunner runner = EmbeddedRunner.start(o, ClassifierFactories.resolve(o))) {
                runner.job().getJobExecutionResult().get();
            }
        });
        consumeAll(kafka.bootstrapServers(), o.predictionsTopic(), seen);
        long[] times = seen.stream().mapToLong(Seen::emittedMicros).sorted().toArray();
        if (times.length < 100) throw new IllegalStateException("backlog run: only " + times.length + " predictions");
        int lo = (int) (times.length * 0.1);
        int hi = (int) (times.length * 0.9);
        double perSecond = (hi - lo) / ((times[hi] - times[lo]) / 1e6);
        log.line(String.format(Locale.ROOT, "backlog of %d devices x %.0f s: %d windows, %.1f windows/s",
                saturationDevices, saturationSeconds, times.length, perSecond));
        return new Drained(perSecond, profile);
    }

    private static void consume(String bootstrap, String topic, ConcurrentLinkedQueue<Seen> seen, AtomicBoolean stop,
                                CountDownLatch assigned) {
        try (KafkaConsumer<byte[], byte[]> consumer = CommittedReader.assignAll(bootstrap, topic)) {
            Collection<TopicPartition> parts = consumer.assignment();
            consumer.seekToEnd(parts);
            parts.forEach(consumer::position);
            assigned.countDown();
            while (!stop.get()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                    long now = Clocks.nowMicros();
                    seen.add(Seen.of(WireFormat.PREDICTION.decode(r.value()), now));
                }
            }
        } finally {
            assigned.countDown();
        }
    }

    /** Everything committed in {@code topic} up to its last stable offsets. */
    private static void consumeAll(String bootstrap, String topic, ConcurrentLinkedQueue<Seen> seen) {
        seen.addAll(CommittedReader.readAll(bootstrap, topic,
                v -> Seen.of(WireFormat.PREDICTION.decode(v), Clocks.nowMicros())));
    }

    private static double percentile(List<Double> values, double q) {
        if (values.isEmpty()) return Double.NaN;
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v[Math.min(v.length - 1, (int) Math.ceil(q * v.length) - 1)];
    }

    /** Progress lines on stderr, so stdout holds only the report. */
    private static final class PrintStreamLog {
        void line(String s) {
            System.err.println("perf job: " + s);
        }
    }

    /** Builder of {@link JobCapacity}. */
    public static final class Builder {
        private Path model;
        private List<Integer> ladder = List.of(100, 200, 400, 600, 800, 1000, 1200, 1600, 2400, 3200);
        private double seconds = 30;
        private double warmup = 10;
        private double rateHz = 50;
        private double frameMillis = 200;
        private int parallelism = 2;
        private int inferenceThreads = 1;
        private long outOfOrdernessMillis = 500;
        private long checkpointMillis = 1000;
        private long maxWaitMillis = 20;
        private int saturationDevices = 200;
        private double saturationSeconds = 60;
        private double rawSeconds = 10;
        private DataRoot root;
        private int repeats = 3;
        private long visibleP99Millis = 2000;
        private boolean profile;

        private Builder() {
        }

        /** Trials, each on a fresh broker and job; the report gives every trial and the medians (default 3). */
        public Builder optRepeats(int repeats) {
            if (repeats < 1) throw new IllegalArgumentException("--repeats must be at least 1, got " + repeats);
            this.repeats = repeats;
            return this;
        }

        /** Highest p99 latency from window end to a read_committed consumer for a sustained step (default 2000). */
        public Builder optVisibleP99Millis(long millis) {
            if (millis <= 0) throw new IllegalArgumentException("--p99-visible-ms must be positive, got " + millis);
            this.visibleP99Millis = millis;
            return this;
        }

        /** Where the CPU goes in the first trial: thread CPU by role and JFR samples by stage (default off). */
        public Builder optProfile(boolean profile) {
            this.profile = profile;
            return this;
        }

        /** Bundle to serve (default: models/tsfm-mini). */
        public Builder optModel(Path model) {
            this.model = model;
            return this;
        }

        /**
         * Fleet sizes to try, in order; stops after the first that is not sustained (default:
         * 100,200,400,600,800,1000,1200,1600,2400,3200).
         */
        public Builder optLadder(List<Integer> ladder) {
            this.ladder = Objects.requireNonNull(ladder, "ladder");
            return this;
        }

        /** Measured seconds per step. */
        public Builder optSeconds(double seconds) {
            this.seconds = seconds;
            return this;
        }

        /** Seconds before measuring in each step (at least a window, 6 s, is always left out). */
        public Builder optWarmup(double warmup) {
            this.warmup = warmup;
            return this;
        }

        /** Device sampling rate. */
        public Builder optRateHz(double rateHz) {
            this.rateHz = rateHz;
            return this;
        }

        /** Device frame length. */
        public Builder optFrameMillis(double frameMillis) {
            this.frameMillis = frameMillis;
            return this;
        }

        /** Job parallelism. */
        public Builder optParallelism(int parallelism) {
            this.parallelism = parallelism;
            return this;
        }

        /** ONNX Runtime threads per inference task. */
        public Builder optInferenceThreads(int inferenceThreads) {
            this.inferenceThreads = inferenceThreads;
            return this;
        }

        /** Job watermark bound (default 500, the job's). */
        public Builder optOutOfOrdernessMillis(long outOfOrdernessMillis) {
            this.outOfOrdernessMillis = outOfOrdernessMillis;
            return this;
        }

        /** Job checkpoint interval (default 1000, the job's). */
        public Builder optCheckpointMillis(long checkpointMillis) {
            this.checkpointMillis = checkpointMillis;
            return this;
        }

        /** Job micro-batch wait (default 20, the job's). */
        public Builder optMaxWaitMillis(long maxWaitMillis) {
            this.maxWaitMillis = maxWaitMillis;
            return this;
        }

        /** Devices of the unpaced backlog run. */
        public Builder optSaturationDevices(int saturationDevices) {
            this.saturationDevices = saturationDevices;
            return this;
        }

        /** Seconds of data per device in the backlog run. */
        public Builder optSaturationSeconds(double saturationSeconds) {
            this.saturationSeconds = saturationSeconds;
            return this;
        }

        /** Seconds measuring the raw classifier. */
        public Builder optRawSeconds(double rawSeconds) {
            this.rawSeconds = rawSeconds;
            return this;
        }

        /** Where the datasets are. Required. */
        public Builder setDataRoot(DataRoot root) {
            this.root = Objects.requireNonNull(root, "root");
            return this;
        }

        /** The harness; options are checked when it runs. */
        public JobCapacity build() {
            if (root == null) throw new IllegalStateException("JobCapacity.builder(): setDataRoot is required");
            return new JobCapacity(this);
        }
    }
}
