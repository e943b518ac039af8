package io.tsfm.cli.demo;

import static io.tsfm.cli.testing.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtEnvironment;
import io.tsfm.cli.Main;
import io.tsfm.cli.testing.CliRun;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.catalog.DatasetCatalog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tsfm demo} in-process through {@link Main#run}, for real: the shipped bundle, a real Kafka broker, the
 * streaming job on a Flink MiniCluster and two simulated devices replaying held-out sessions of the default
 * zero-shot set (motionsense) for 20 s, with a live label-set switch. Checks what the view printed against itself
 * and the label sets, and that the run left nothing behind: its broker port free, no new entry in
 * {@code java.io.tmpdir} (the module's own folder, see the pom), no new non-daemon thread.
 */
class DemoCommandTest {

    private static final List<String> SWITCHED = List.of("walking", "running", "sitting", "standing", "lying",
            "falling");
    private static final Pattern PREDICTION = Pattern.compile(
            "^\\s*([\\d.]+) s {2}(sim-\\d+)\\s+truth (\\S+)\\s+predicted (\\S+)\\s+([\\d.]+)\\s+(right|wrong|not scored)"
                    + "\\s+latency ([\\d.]+) s\\s+\\[demo v(\\d+)]$", Pattern.MULTILINE);

    @Test
    void aShortRunPredictsLiveSwitchesLabelsAndLeavesNothingBehind() throws Exception {
        Path shipped = DemoCommand.shippedModel();
        assertThat(shipped.resolve("manifest.json")).as("the shipped bundle the demo runs by default").exists();
        // ONNX Runtime unpacks its native library once per JVM (removed at exit, see OrtTempDir): not the demo's
        OrtEnvironment.getEnvironment();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Set<String> tmpBefore = entries(tmp);
        Set<Thread> threadsBefore = nonDaemonThreads();
        Set<Integer> portsBefore = listeningPorts();

        CliRun r = run("demo", "--seconds", "20", "--devices", "2", "--labels", String.join(",", SWITCHED),
                "--switch-after", "10", "--view", "lines");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        String out = r.out();

        List<String> played = DatasetCatalog.load(DataRoot.resolve()).read("motionsense", DataRoot.resolve())
                .manifest().labels();
        assertThat(out).contains("2 devices replaying").contains("held-out sessions of motionsense")
                .contains("zero-shot test set");
        List<MatchResult> predictions = new ArrayList<>();
        Matcher m = PREDICTION.matcher(out);
        while (m.find()) predictions.add(m.toMatchResult());
        assertThat(predictions).as(out).hasSizeGreaterThanOrEqualTo(6);
        Set<String> devices = new TreeSet<>();
        Set<Integer> versions = new TreeSet<>();
        int right = 0;
        int wrong = 0;
        List<Double> latencies = new ArrayList<>();
        for (MatchResult p : predictions) {
            devices.add(p.group(2));
            int version = Integer.parseInt(p.group(8));
            versions.add(version);
            assertThat(played).as("true activity").contains(p.group(3));
            // each window is scored against the label set it was classified with, live switch or not
            assertThat(version == 0 ? played : SWITCHED).as("prediction of label set v%d", version)
                    .contains(p.group(4));
            assertThat(Double.parseDouble(p.group(5))).isBetween(-1.0, 1.0);
            if (p.group(6).equals("right")) right++;
            if (p.group(6).equals("wrong")) wrong++;
            latencies.add(Double.parseDouble(p.group(7)));
        }
        assertThat(devices).containsExactly("sim-0", "sim-1");
        assertThat(versions).as("windows before and after the label switch").containsExactly(0, 1);
        assertThat(out).contains("label set demo v1 published on the control topic: " + String.join(", ", SWITCHED));
        assertThat(latencies).allSatisfy(l -> assertThat(l).isPositive().isLessThan(30.0));

        // the summary agrees with the lines above it
        assertThat(out).contains("summary: " + predictions.size() + " windows predicted for 2 devices");
        assertThat(out).containsPattern("accuracy so far: ([\\d.]+|-) \\(" + right + "/" + (right + wrong) + "\\)"
                + "|accuracy so far: - \\(no scored window yet\\)");
        assertThat(out).contains("label set demo v0, closed-set over " + played.size() + " labels")
                .contains("label set demo v1, open-set (synonym-group match) over 6 labels");
        Matcher p = Pattern.compile("p50 ([\\d.]+) s, p99 ([\\d.]+) s").matcher(out);
        assertThat(p.find()).as(out).isTrue();
        assertThat(Double.parseDouble(p.group(1))).isPositive().isLessThanOrEqualTo(Double.parseDouble(p.group(2)));

        // nothing left behind
        Matcher kafka = Pattern.compile("Kafka 127\\.0\\.0\\.1:(\\d+)").matcher(out);
        assertThat(kafka.find()).as(out).isTrue();
        try (ServerSocket s = new ServerSocket(Integer.parseInt(kafka.group(1)), 1, InetAddress.getLoopbackAddress())) {
            assertThat(s.isBound()).as("the broker's port is free again").isTrue();
        }
        assertThat(settled(() -> difference(listeningPorts(), portsBefore))).as("ports this JVM still listens on")
                .isEmpty();
        assertThat(settled(() -> difference(entries(tmp), tmpBefore))).as("new entries in " + tmp).isEmpty();
        assertThat(settled(() -> difference(nonDaemonThreads(), threadsBefore).stream().map(Thread::getName)
                .collect(Collectors.toSet()))).as("non-daemon threads left running").isEmpty();
    }

    @Test
    void withNoDataItSaysWhereToPutItAndFails(@TempDir Path empty) {
        CliRun r = run("demo", "--root", empty.toString(), "--seconds", "5");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no held-out data found").contains(empty.toAbsolutePath().toString())
                .contains("motionsense.zip").contains("mobifall_v2.zip").contains("TSFM_DATA_ROOT");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aMissingDatasetIsNamedWithWhereToGetIt(@TempDir Path empty) {
        CliRun r = run("demo", "--root", empty.toString(), "--dataset", "basicmotions");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("dataset 'basicmotions' is not under the data root " + empty)
                .contains("basicmotions.zip");
    }

    private static Set<String> entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /**
     * TCP ports this JVM listens on: its socket descriptors ({@code /proc/self/fd}) matched by inode with the LISTEN
     * rows of {@code /proc/net/tcp} and {@code tcp6}. Linux; elsewhere empty (the broker port check above remains).
     */
    private static Set<Integer> listeningPorts() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) return Set.of();
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> s = Files.list(fds)) {
            for (Path fd : s.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) inodes.add(target.substring(8, target.length() - 1));
                } catch (IOException gone) {
                    // closed while listing
                }
            }
        }
        Set<Integer> ports = new TreeSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(table);
            if (!Files.exists(p)) continue;
            List<String> rows = Files.readAllLines(p);
            for (String row : rows.subList(1, rows.size())) {
                String[] f = row.trim().split("\\s+");
                // local_address is HEXIP:HEXPORT, st 0A is LISTEN, the inode is the tenth field
                if (f.length > 9 && f[3].equals("0A") && inodes.contains(f[9])) {
                    ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }

    private static Set<Thread> nonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> !t.isDaemon() && t.isAlive())
                .collect(Collectors.toSet());
    }

    private static <T> Set<T> difference(Set<T> now, Set<T> before) {
        Set<T> d = new HashSet<>(now);
        d.removeAll(before);
        return d;
    }

    /** What {@code check} finds once it finds nothing, or after 15 s (threads and files of a shutdown may lag). */
    private static <T> Set<T> settled(IoSupplier<Set<T>> check) throws Exception {
        long deadline = System.nanoTime() + 15_000_000_000L;
        Set<T> found = check.get();
        while (!found.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            found = check.get();
        }
        return found;
    }

    @FunctionalInterface
    private interface IoSupplier<T> {
        T get() throws Exception;
    }
}
