package io.tsfm.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.cli.Main;
import io.tsfm.core.data.Session;
import io.tsfm.core.window.WindowGrid;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.catalog.DatasetCatalog;
import io.tsfm.edge.frame.DeviceFrame;
import io.tsfm.edge.frame.ImuFrameCodec;
import io.tsfm.edge.source.Pacer;
import io.tsfm.edge.window.EdgeWindow;
import io.tsfm.edge.window.EdgeWindower;
import io.tsfm.job.JobOptions;
import io.tsfm.job.kafka.CommittedReader;
import io.tsfm.lab.cluster.ClusterLayout;
import io.tsfm.lab.cluster.ClusterRest;
import io.tsfm.lab.cluster.ClusterSettings;
import io.tsfm.lab.cluster.LocalCluster;
import io.tsfm.lab.job.EmbeddedRunner;
import io.tsfm.lab.kafka.EmbeddedKafka;
import io.tsfm.lab.replay.DatasetReplaySource;
import io.tsfm.schemas.WireFormat;
import io.tsfm.schemas.avro.Prediction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once under failure, on a real standalone Flink cluster ({@link LocalCluster}: a job manager and two task
 * managers, each its own JVM) running the shaded job jar, submitted with {@code tsfm job --cluster}, against a real
 * Kafka broker. Real HAPT recordings of four devices are produced in two halves, and between them, at a point the
 * test observes (the first half's predictions committed, so a checkpoint with window state completed) rather than
 * races,
 * <ul>
 *   <li>a task manager process is killed (SIGKILL): the job fails over to the surviving one while the second half
 *       arrives, and</li>
 *   <li>the job is cancelled and a new one started from its last retained checkpoint ({@code --restore-from}) after
 *       the second half arrived, and</li>
 *   <li>the job is stopped with a savepoint ({@code tsfm cluster savepoint}) and restarted from it at twice its
 *       parallelism (2 -> 4 slots) after the second half arrived.</li>
 * </ul>
 * Event time is per device: after the data, one tiny frame per device moves its clock past its last windows. A
 * read_committed consumer must then see every expected window (the windows the shared windowing rule cuts from the
 * same frames) exactly once: none lost, none repeated. Needs the packaged job jar and the cluster class path, so it
 * runs in {@code mvn verify} (tag {@code cluster}), not in {@code mvn test}.
 */
@Tag("cluster")
class ClusterFailureTest {

    private static final int DEVICES = 4;
    private static final double SECONDS = 60;
    private static final WindowGrid GRID = WindowGrid.ofMillis(6000, 2000);

    @TempDir
    static Path tmp;

    private static EmbeddedKafka kafka;
    private static LocalCluster cluster;
    private static ClusterRest rest;
    private static List<Session> sessions;

    @BeforeAll
    static void startClusterAndBroker() throws Exception {
        sessions = DatasetCatalog.load().read("hapt", DataRoot.resolve()).sessions().subList(0, 40);
        kafka = EmbeddedKafka.builder().optNumPartitions(2).build();
        cluster = new LocalCluster(new ClusterLayout(tmp.resolve("cluster")),
                Path.of("target", "flink-cluster-classpath.txt"));
        rest = cluster.start(new ClusterSettings(2, 2, freePort(), freePort(), 1024, 2048), Duration.ofSeconds(120));
    }

    @AfterAll
    static void stopClusterAndBroker() throws Exception {
        try {
            if (cluster != null) cluster.stop(Duration.ofSeconds(30));
        } finally {
            if (kafka != null) kafka.close();
        }
    }

    @Test
    void killingATaskManagerMidStreamLosesAndRepeatsNoWindow() throws Exception {
        JobOptions o = options("kill");
        long t0 = gridAlignedHourAgo();
        Halves h = halves(t0);
        Set<String> expected = h.expected();
        List<DeviceFrame> first = h.first();
        List<DeviceFrame> second = h.second();

        // the kill lands at a known point, not wherever a paced producer happens to be: the first half is in Kafka,
        // the job has committed predictions from it (so a checkpoint completed with window state in it), and the
        // second half is produced only after the task manager is gone
        String job = submit(o, null);
        produce(o, first, 0);
        int committed = requirePredictions(o, 5, Duration.ofSeconds(120)).size();
        long checkpoints = rest.completedCheckpoints(job).orElse(0L);
        assertThat(checkpoints).as("predictions become visible only with a completed checkpoint").isPositive();
        // the scheduler is asked to spread slots (load-balance mode SLOTS) but does not promise it: a task manager
        // whose slot report came late gets none. The one killed is one that runs part of the job, whichever it is.
        List<ClusterRest.TaskManager> tms = rest.taskManagers();
        assertThat(tms).as("both task managers registered").hasSize(2);
        assertThat(tms.stream().mapToInt(t -> t.slots() - t.freeSlots()).sum()).as("slots in use: %s", tms)
                .isEqualTo(2);
        ClusterRest.TaskManager busy = tms.stream().filter(t -> t.freeSlots() < t.slots())
                .min(Comparator.comparing(ClusterRest.TaskManager::id)).orElseThrow();
        int victim = Integer.parseInt(busy.id().substring("taskmanager-".length()));
        long pid = cluster.killTaskManager(victim);
        System.out.println("killed " + busy.id() + " (pid " + pid + ", " + (busy.slots() - busy.freeSlots())
                + " slots in use; all: " + tms + ") after " + checkpoints + " checkpoints with at least " + committed
                + " predictions committed");
        assertThat(committed).as("the kill came before the job had every window").isLessThan(expected.size());
        produce(o, second, 0);
        closeLastWindows(o, t0);

        List<Prediction> got = awaitPredictions(o, expected.size(), Duration.ofSeconds(180));
        List<String> failures = rest.failures(job);
        System.out.println("the job recovered from: " + failures);
        assertThat(failures).as("the job failed over after losing the task manager").isNotEmpty();
        assertThat(rest.jobState(job)).hasValue("RUNNING");
        assertExactlyOnce(got, expected);
    }

    @Test
    void restartingTheJobFromItsLastCheckpointLosesAndRepeatsNoWindow() throws Exception {
        JobOptions o = options("restore");
        long t0 = gridAlignedHourAgo();
        Halves h = halves(t0);
        Set<String> expected = h.expected();
        List<DeviceFrame> first = h.first();
        List<DeviceFrame> second = h.second();
        Path checkpoints = tmp.resolve("checkpoints-restore");

        String job = submit(o, checkpoints.toString());
        produce(o, first, 0);
        requirePredictions(o, 5, Duration.ofSeconds(120));
        // one more checkpoint after predictions were seen: the retained one holds window state past them
        awaitCheckpoints(job, rest.completedCheckpoints(job).orElse(0L) + 1);
        assertThat(rest.cancel(job)).isTrue();
        awaitState(job, "CANCELED");
        produce(o, second, 0); // arrives while no job runs
        closeLastWindows(o, t0);
        Path latest = latestCheckpoint(checkpoints.resolve(job));
        int before = readCommitted(o).size();
        System.out.println("cancelled " + job + " with " + before + " predictions committed; restoring from " + latest);

        submit(o, checkpoints.toString(), "--restore-from", latest.toString());
        List<Prediction> got = awaitPredictions(o, expected.size(), Duration.ofSeconds(180));
        assertThat(before).as("the first job had committed part of the windows, not all").isPositive()
                .isLessThan(expected.size());
        assertExactlyOnce(got, expected);
    }

    @Test
    void startingARunningClusterBringsBackALostTaskManagerAndOnlyThat() throws Exception {
        long killed = cluster.killTaskManager(2);
        long jobManager = pidOf("jobmanager");
        long other = pidOf("taskmanager-1");
        assertThat(cluster.restartLostTaskManagers(Duration.ofSeconds(120))).containsExactly("taskmanager-2");
        awaitAllSlotsFree();
        assertThat(pidOf("taskmanager-2")).isNotEqualTo(killed);
        assertThat(pidOf("jobmanager")).as("the job manager left alone").isEqualTo(jobManager);
        assertThat(pidOf("taskmanager-1")).as("the living task manager left alone").isEqualTo(other);
        assertThat(cluster.processes()).allMatch(LocalCluster.ProcessState::alive);
        assertThat(cluster.restartLostTaskManagers(Duration.ofSeconds(10))).as("nothing to bring back").isEmpty();
    }

    @Test
    void rescalingFromTwoToFourSlotsThroughASavepointLosesAndRepeatsNoWindow() throws Exception {
        JobOptions o = options("rescale");
        long t0 = gridAlignedHourAgo();
        Halves h = halves(t0);
        Set<String> expected = h.expected();
        List<DeviceFrame> first = h.first();
        List<DeviceFrame> second = h.second();

        String job = submit(o, null);
        produce(o, first, 0);
        requirePredictions(o, 5, Duration.ofSeconds(120));
        // the operator's path: ./tsfm cluster savepoint stops the job with a savepoint and says where it is
        String text = cli("cluster", "savepoint", job, "--port", String.valueOf(cluster.layout().restPort()
                .orElseThrow()), "--dir", tmp.resolve("savepoints-rescale").toString());
        Matcher m = Pattern.compile("stopped " + job + " with savepoint (\\S+)").matcher(text);
        assertThat(m.find()).as(text).isTrue();
        String savepoint = m.group(1).replaceFirst("^file:", "");
        awaitState(job, "FINISHED");
        int before = readCommitted(o).size();
        produce(o, second, 0); // arrives while no job runs
        closeLastWindows(o, t0);
        System.out.println("stopped " + job + " with " + before + " predictions committed; savepoint " + savepoint);

        submit(o, null, "--restore-from", savepoint, "--parallelism", "4");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (rest.overview().map(v -> v.slotsAvailable()).orElse(-1) != 0) {
            assertThat(System.nanoTime()).as("the restored job takes all 4 slots: %s", rest.taskManagers())
                    .isLessThan(deadline);
            sleep(250);
        }
        List<Prediction> got = awaitPredictions(o, expected.size(), Duration.ofSeconds(180));
        assertThat(before).as("the first job had committed part of the windows, not all").isPositive()
                .isLessThan(expected.size());
        assertExactlyOnce(got, expected);
    }

    @Test
    void theClusterServesFlinksWebDashboard() {
        assertThat(rest.servesDashboard()).as("GET %s/ is the Flink web dashboard", rest.url()).isTrue();
    }

    private static long pidOf(String name) {
        return cluster.processes().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not tracked: " + cluster.processes())).pid();
    }

    /** Each test starts with no job running and both task managers up with all slots free. */
    @AfterEach
    void cancelJobsAndRestoreTaskManagers() throws Exception {
        for (ClusterRest.Job j : rest.jobs()) {
            if (!List.of("CANCELED", "FINISHED", "FAILED").contains(j.state())) {
                rest.cancel(j.id());
                awaitState(j.id(), "CANCELED");
            }
        }
        for (int i = 1; i <= 2; i++) {
            String name = "taskmanager-" + i;
            if (cluster.processes().stream().noneMatch(p -> p.name().equals(name) && p.alive())) {
                cluster.startTaskManager(i);
            }
        }
        awaitAllSlotsFree();
    }

    private static void awaitAllSlotsFree() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!rest.overview().map(v -> v.taskManagers() == 2 && v.slotsAvailable() == 4).orElse(false)) {
            assertThat(System.nanoTime()).as("2 task managers with 4 free slots: %s", rest.overview())
                    .isLessThan(deadline);
            sleep(250);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static JobOptions options(String name) {
        String id = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        JobOptions o = JobOptions.parse("--bootstrap-servers", kafka.bootstrapServers(),
                "--frames-topic", "frames." + id, "--label-sets-topic", "labels." + id,
                "--predictions-topic", "predictions." + id, "--dead-letters-topic", "dead." + id,
                "--group-id", "group-" + id, "--transactional-id-prefix", "tx-" + id, "--job-name", "job-" + id);
        EmbeddedRunner.createTopics(kafka, o);
        return o;
    }

    /** {@code tsfm job --cluster} with the job's arguments; returns the job id it prints. */
    private static String submit(JobOptions o, String checkpointDir, String... more) {
        List<String> args = new ArrayList<>(List.of("job", "--cluster", "localhost:" + cluster.layout().restPort()
                        .orElseThrow(), "--bootstrap-servers", o.bootstrapServers(), "--frames-topic", o.framesTopic(),
                "--label-sets-topic", o.labelSetsTopic(), "--predictions-topic", o.predictionsTopic(),
                "--dead-letters-topic", o.deadLettersTopic(), "--group-id", o.groupId(),
                "--transactional-id-prefix", o.transactionalIdPrefix(), "--job-name", o.jobName(),
                "--checkpoint-interval-ms", "500",
                // the halves are produced seconds apart (the test waits for the first half's predictions between
                // them): in Kafka time a silence, which an idle timeout would rightly take for devices gone quiet and
                // close the windows spanning the halves; here the last windows close by closeLastWindows instead
                "--idle-timeout-ms", "600000"));
        if (checkpointDir != null) args.addAll(List.of("--checkpoint-dir", checkpointDir));
        if (!List.of(more).contains("--parallelism")) args.addAll(List.of("--parallelism", "2"));
        args.addAll(List.of(more));
        String text = cli(args.toArray(String[]::new));
        Matcher m = Pattern.compile("submitted job ([0-9a-f]{32})").matcher(text);
        assertThat(m.find()).as(text).isTrue();
        awaitState(m.group(1), "RUNNING");
        return m.group(1);
    }

    /** An hour ago on the 2 s grid: historical event time, as in a replay. */
    private static long gridAlignedHourAgo() {
        return (System.currentTimeMillis() / 2000 - 1800) * 2_000_000L;
    }

    /** {@link #DEVICES} devices replaying real HAPT sessions for {@link #SECONDS} s from {@code t0}, in time order. */
    private static List<DeviceFrame> replay(long t0) throws Exception {
        List<DeviceFrame> out = new ArrayList<>();
        try (DatasetReplaySource source = DatasetReplaySource.builder().setSessions(sessions).optDevices(DEVICES)
                .optDevicePrefix("hapt-").optStartMicros(t0).optMaxSeconds(SECONDS).optFrameSeconds(0.5)
                .optPacer(Pacer.unpaced()).build()) {
            for (DeviceFrame f; (f = source.next()) != null; ) out.add(f);
        }
        out.sort(Comparator.comparingLong(DeviceFrame::startMicros));
        return out;
    }

    /** The windows the shared windowing rule cuts from the frames (the edge client's windower, equal to the job's). */
    private static Set<String> expectedWindows(List<DeviceFrame> frames) {
        EdgeWindower windower = new EdgeWindower(GRID, 0.5, 0.8);
        List<EdgeWindow> windows = new ArrayList<>();
        for (DeviceFrame f : frames) windows.addAll(windower.accept(f, 0));
        windows.addAll(windower.flush());
        Set<String> out = windows.stream().filter(EdgeWindow::ok).map(w -> w.deviceId() + "@" + w.startMicros())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(out).hasSizeGreaterThan(DEVICES * 20);
        return out;
    }

    /** Sends the frames (layout inline in each) at {@code speed} times real time; 0 = as fast as possible. */
    /** The replayed frames of the four devices cut at half time, and the windows the whole stream must yield. */
    private record Halves(List<DeviceFrame> first, List<DeviceFrame> second, Set<String> expected) {}

    private static Halves halves(long t0) throws Exception {
        List<DeviceFrame> frames = replay(t0);
        long half = t0 + (long) (SECONDS / 2 * 1e6);
        return new Halves(frames.stream().filter(f -> f.startMicros() < half).toList(),
                frames.stream().filter(f -> f.startMicros() >= half).toList(), expectedWindows(frames));
    }

    /** Runs a {@code tsfm} command in this JVM; returns what it printed, asserting exit code 0. */
    private static String cli(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            rc = Main.run(args);
        } finally {
            System.setOut(old);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(rc).as(text).isZero();
        return text;
    }

    private static void produce(JobOptions o, List<DeviceFrame> frames, double speed) {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            long wall0 = System.nanoTime();
            long event0 = frames.get(0).startMicros();
            for (DeviceFrame f : frames) {
                if (speed > 0) {
                    long due = wall0 + (long) ((f.startMicros() - event0) * 1000 / speed);
                    long wait = due - System.nanoTime();
                    if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
                }
                producer.send(new ProducerRecord<>(o.framesTopic(), ImuFrameCodec.key(f.deviceId()),
                        ImuFrameCodec.encode(f, true, null)));
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * One one-sample frame per device, 30 s after its data, on its partition (keyed by the device, after its frames):
     * moves each device's own event time past its last windows, so they fire at a known point instead of after the
     * job's idle timeout; the frame's own windows lack coverage and predict nothing.
     */
    private static void closeLastWindows(JobOptions o, long t0) throws Exception {
        DeviceFrame template = replay(t0).get(0);
        long later = t0 + (long) ((SECONDS + 30) * 1e6);
        float[][] one = new float[template.samples().length][1];
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int d = 0; d < DEVICES; d++) {
                DeviceFrame f = new DeviceFrame("hapt-" + d, 1_000_000, later, template.rateHz(), one,
                        template.layout());
                producer.send(new ProducerRecord<>(o.framesTopic(), ImuFrameCodec.key(f.deviceId()),
                        ImuFrameCodec.encode(f, true, null))).get();
            }
        }
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 5), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void assertExactlyOnce(List<Prediction> got, Set<String> expected) {
        Map<String, Integer> seen = new HashMap<>();
        for (Prediction p : got) seen.merge(p.getDeviceId() + "@" + p.getWindowStartEpochMicros(), 1, Integer::sum);
        Map<String, Integer> repeated = seen.entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(repeated).as("windows predicted more than once").isEmpty();
        assertThat(new TreeSet<>(seen.keySet())).as("every expected window, nothing else").isEqualTo(expected);
        System.out.println(expected.size() + " windows, each predicted exactly once");
    }

    private static List<Prediction> awaitPredictions(JobOptions o, int atLeast, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Prediction> got = readCommitted(o);
        while (got.size() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(500);
            got = readCommitted(o);
        }
        return got;
    }

    /** As {@link #awaitPredictions}, failing when fewer than {@code atLeast} are committed by the deadline. */
    private static List<Prediction> requirePredictions(JobOptions o, int atLeast, Duration timeout)
            throws InterruptedException {
        List<Prediction> got = awaitPredictions(o, atLeast, timeout);
        assertThat(got).as("at least %d predictions committed within %s", atLeast, timeout)
                .hasSizeGreaterThanOrEqualTo(atLeast);
        return got;
    }

    /** Everything committed in the predictions topic, read_committed, up to the last stable offsets. */
    private static List<Prediction> readCommitted(JobOptions o) {
        return CommittedReader.readAll(kafka.bootstrapServers(), o.predictionsTopic(), WireFormat.PREDICTION::decode,
                Duration.ofSeconds(20));
    }

    private static void awaitState(String job, String state) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!rest.jobState(job).orElse("").equals(state)) {
            assertThat(System.nanoTime()).as("job %s reaches %s (now %s)", job, state, rest.jobState(job))
                    .isLessThan(deadline);
            sleep(200);
        }
    }

    private static void awaitCheckpoints(String job, long n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (rest.completedCheckpoints(job).orElse(0L) < n) {
            assertThat(System.nanoTime()).as("job %s completes %d checkpoints", job, n).isLessThan(deadline);
            sleep(200);
        }
    }

    /** The newest retained {@code chk-N} (one with its {@code _metadata} written). */
    private static Path latestCheckpoint(Path jobDir) throws IOException {
        try (var s = Files.list(jobDir)) {
            Optional<Path> latest = s.filter(p -> p.getFileName().toString().matches("chk-\\d+"))
                    .filter(p -> Files.isRegularFile(p.resolve("_metadata")))
                    .max(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().substring(4))));
            return latest.orElseThrow(() -> new AssertionError("no retained checkpoint in " + jobDir));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("localhost"))) {
            return s.getLocalPort();
        }
    }
}
