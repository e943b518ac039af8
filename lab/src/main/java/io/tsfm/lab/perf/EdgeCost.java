package io.tsfm.lab.perf;

import io.tsfm.lab.TsfmHome;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.catalog.DatasetCatalog;
import io.tsfm.core.data.Session;
import io.tsfm.core.labels.DefaultLabels;
import io.tsfm.core.runtime.LabelSet;
import io.tsfm.core.runtime.OnnxWindowClassifier;
import io.tsfm.core.window.WindowGrid;
import io.tsfm.edge.classify.LocalRecognizer;
import io.tsfm.edge.frame.DeviceFrame;
import io.tsfm.lab.replay.DatasetReplaySource;
import io.tsfm.edge.source.Pacer;
import io.tsfm.edge.window.EdgeWindow;
import io.tsfm.edge.window.EdgeWindower;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the edge client costs on a device, per bundle ({@code tsfm perf edge}). Per-window latency on one thread
 * through the edge path (the client's windower and recognizer, one ONNX Runtime thread) over a replayed real
 * session; start-up time (new JVM to first prediction) and resident memory in child JVMs that run the edge client
 * cold; the bundle's size on disk. The first bundle is the baseline of the ratios, measured in the same run; the
 * bundles take turns pass by pass and start by start, so load from elsewhere on the machine falls on all alike.
 */
public final class EdgeCost {
    private final List<Path> models;
    private final String dataset;
    private final int windows;
    private final int passes;
    private final int startups;
    private final int childWindows;
    private final String childJvmArgs;
    private final DataRoot root;

    /** One bundle's figures. */
    private record Row(String name, long bytes, double p50Ms, double p99Ms, int windowsPerPass, double startupS,
                       double rssMib, double hwmMib) {}

    private static final long WINDOW_MS = 6000;
    private static final long HOP_MS = 2000;

    private EdgeCost(Builder b) {
        this.models = b.models;
        this.dataset = b.dataset;
        this.windows = b.windows;
        this.passes = b.passes;
        this.startups = b.startups;
        this.childWindows = b.childWindows;
        this.childJvmArgs = b.childJvmArgs;
        this.root = b.root;
    }

    /** A builder; {@code setDataRoot} is required, the rest defaults as {@code tsfm perf edge} does. */
    public static Builder builder() {
        return new Builder();
    }

    /** Measures every bundle and prints the table on standard output, progress on standard error; returns 0. */
    public int run() throws Exception {
        if (windows < 1 || passes < 1 || startups < 0 || childWindows < 1) {
            throw new IllegalArgumentException("--windows, --passes and --child-windows must be >= 1, --startups >= 0");
        }
        List<Path> bundles = models != null && !models.isEmpty() ? models
                : List.of(TsfmHome.require().resolve(TsfmHome.DEFAULT_BUNDLE));
        for (Path b : bundles) {
            if (!Files.isRegularFile(b.resolve("manifest.json"))) {
                throw new IllegalArgumentException("--model " + b + ": no bundle there (no manifest.json)");
            }
        }
        String loadBefore = loadAverage();
        Dataset data = DatasetCatalog.load(root).read(dataset, root);
        // bundles take turns pass by pass and start by start, so that load from elsewhere on the machine falls on
        // all of them alike and the ratios stay fair
        System.err.println("perf edge: latency, " + passes + " passes of " + windows + " windows per bundle, in turns");
        double[][] latency = latency(bundles, data.sessions());
        double[][][] child = new double[bundles.size()][][];
        if (startups > 0) {
            System.err.println("perf edge: " + startups + " cold starts per bundle in child JVMs, in turns");
            child = children(bundles);
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < bundles.size(); i++) {
            Path b = bundles.get(i);
            String name = b.toAbsolutePath().normalize().getFileName().toString();
            boolean started = startups > 0;
            rows.add(new Row(name, size(b), latency[i][0], latency[i][1], (int) latency[i][2],
                    started ? median(child[i][0]) : Double.NaN, started ? median(child[i][1]) : Double.NaN,
                    started ? median(child[i][2]) : Double.NaN));
        }
        ResidentMemory self = ResidentMemory.now();
        System.out.printf(Locale.ROOT, "tsfm perf edge: %s replayed on 1 device (6 s windows, 2 s hop), 1 ONNX Runtime "
                + "thread, %d cores, medians over %d passes and %d child JVMs (%s)%n", dataset,
                Runtime.getRuntime().availableProcessors(), passes, startups, childJvmArgs);
        print(rows);
        System.out.printf(Locale.ROOT, "this JVM after all bundles: VmRSS %.0f MiB, VmHWM %.0f MiB%n",
                self.rssKib() / 1024.0, self.hwmKib() / 1024.0);
        // other work on the machine shows in the tail latencies: say how busy it was
        System.out.println("load average (1, 5, 15 min) before: " + loadBefore + ", after: " + loadAverage());
        return 0;
    }

    /** Per bundle: median p50 and p99 (ms) over the passes, and the windows of a pass. */
    private double[][] latency(List<Path> bundles, List<Session> sessions) throws IOException, InterruptedException {
        LabelSet labels = new LabelSet(DefaultLabels.ID, 0, DefaultLabels.TEXTS);
        int n = bundles.size();
        double[][] p50 = new double[n][passes];
        double[][] p99 = new double[n][passes];
        int[] counted = new int[n];
        List<OnnxWindowClassifier> models = new ArrayList<>();
        try {
            List<LocalRecognizer> recognizers = new ArrayList<>();
            for (Path b : bundles) {
                OnnxWindowClassifier m = OnnxWindowClassifier.builder().setBundle(b).optIntraOpThreads(1)
                        .optInterOpThreads(1).build();
                models.add(m);
                recognizers.add(new LocalRecognizer(m, labels, 3, ""));
            }
            for (int pass = -1; pass < passes; pass++) { // pass -1 warms up
                for (int i = 0; i < n; i++) {
                    double[] ms = pass(recognizers.get(i), sessions);
                    if (pass < 0) continue;
                    Arrays.sort(ms);
                    p50[i][pass] = percentile(ms, 0.50);
                    p99[i][pass] = percentile(ms, 0.99);
                    counted[i] = ms.length;
                }
            }
        } finally {
            for (OnnxWindowClassifier m : models) m.close();
        }
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) out[i] = new double[] {median(p50[i]), median(p99[i]), counted[i]};
        return out;
    }

    /** One replay: the time from a frame's arrival at the windower to its window's prediction, per window. */
    private double[] pass(LocalRecognizer recognizer, List<Session> sessions) throws IOException, InterruptedException {
        EdgeWindower windower = new EdgeWindower(WindowGrid.ofMillis(WINDOW_MS, HOP_MS), 0.5, 0.8);
        double seconds = (WINDOW_MS + (windows + 2) * HOP_MS) / 1000.0;
        List<Double> out = new ArrayList<>();
        try (DatasetReplaySource source = DatasetReplaySource.builder().setSessions(sessions).optName(dataset)
                .optDevices(1).optPacer(Pacer.unpaced()).optMaxSeconds(seconds).optStartMicros(1_700_000_000_000_000L)
                .build()) {
            DeviceFrame f;
            while ((f = source.next()) != null && out.size() < windows) {
                long t0 = System.nanoTime();
                List<EdgeWindow> done = windower.accept(f, 0);
                if (done.isEmpty()) continue;
                int ok = 0;
                for (LocalRecognizer.Outcome o : recognizer.recognize(done)) {
                    if (o.ok()) ok++;
                }
                double perWindow = (System.nanoTime() - t0) / 1e6 / Math.max(1, ok);
                for (int i = 0; i < ok; i++) out.add(perWindow);
            }
        }
        if (out.isEmpty()) throw new IllegalStateException("no window of " + dataset + " was classified");
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Per bundle: start-up seconds, VmRSS MiB and VmHWM MiB of each of its child JVMs. */
    private double[][][] children(List<Path> bundles) throws IOException, InterruptedException {
        double[][][] out = new double[bundles.size()][3][startups];
        for (int i = 0; i < startups; i++) {
            for (int b = 0; b < bundles.size(); b++) {
                double[] one = child(bundles.get(b));
                for (int k = 0; k < 3; k++) out[b][k][i] = one[k];
            }
        }
        return out;
    }

    /** One cold start: seconds to the first prediction, VmRSS MiB, VmHWM MiB. */
    private double[] child(Path bundle) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(Arrays.stream(childJvmArgs.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList());
        cmd.addAll(List.of("-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true", "-cp", classpath,
                EdgeProbe.class.getName(), bundle.toAbsolutePath().toString(), Integer.toString(childWindows)));
        Path err = Files.createTempFile("tsfm-edge-probe", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
            pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
            long t0 = System.nanoTime();
            Process p = pb.start();
            double first = Double.NaN;
            String memory = null;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.equals(EdgeProbe.FIRST)) first = (System.nanoTime() - t0) / 1e9;
                    else if (line.startsWith(EdgeProbe.MEMORY)) memory = line;
                }
            }
            if (!p.waitFor(5, TimeUnit.MINUTES)) p.destroyForcibly();
            if (p.exitValue() != 0 || memory == null || Double.isNaN(first)) {
                List<String> tail;
                try (Stream<String> s = Files.lines(err)) {
                    List<String> all = s.toList();
                    tail = all.subList(Math.max(0, all.size() - 15), all.size());
                }
                throw new IllegalStateException("child JVM for " + bundle + " failed (exit " + p.exitValue()
                        + "): " + String.join("\n", tail));
            }
            String[] f = memory.substring(EdgeProbe.MEMORY.length()).trim().split(" ");
            return new double[] {first, Long.parseLong(f[0]) / 1024.0, Long.parseLong(f[1]) / 1024.0};
        } finally {
            Files.deleteIfExists(err);
        }
    }

    private void print(List<Row> rows) {
        Row base = rows.get(0);
        System.out.printf(Locale.ROOT, "%-22s %9s %8s %8s %8s %9s %9s %9s %9s %8s%n", "bundle", "size MiB", "windows",
                "p50 ms", "p99 ms", "p50 x", "start s", "start x", "RSS MiB", "HWM MiB");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "%-22s %9.2f %8d %8.2f %8.2f %9s %9s %9s %9s %8s%n", r.name(),
                    r.bytes() / (1024.0 * 1024.0), r.windowsPerPass(), r.p50Ms(), r.p99Ms(),
                    ratio(r.p50Ms(), base.p50Ms()), num(r.startupS(), "%.2f"), ratio(r.startupS(), base.startupS()),
                    num(r.rssMib(), "%.0f"), num(r.hwmMib(), "%.0f"));
        }
    }

    private static String ratio(double v, double base) {
        return Double.isNaN(v) || Double.isNaN(base) ? "-" : String.format(Locale.ROOT, "%.2f", v / base);
    }

    private static String num(double v, String format) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, format, v);
    }

    private static long size(Path bundle) throws IOException {
        try (Stream<Path> s = Files.walk(bundle)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** Builder of {@link EdgeCost}. */
    public static final class Builder {
        private List<Path> models;
        private String dataset = "hapt";
        private int windows = 300;
        private int passes = 3;
        private int startups = 3;
        private int childWindows = 50;
        private String childJvmArgs = "-Xmx512m -XX:+UseSerialGC";
        private DataRoot root;

        private Builder() {
        }

        /** Bundles to measure, the first the baseline of the ratios (default: the shipped bundle). */
        public Builder optModels(List<Path> models) {
            this.models = models;
            return this;
        }

        /** Dataset whose sessions are replayed (default hapt). */
        public Builder optDataset(String dataset) {
            this.dataset = Objects.requireNonNull(dataset, "dataset");
            return this;
        }

        /** Windows per measured pass (default 300). */
        public Builder optWindows(int windows) {
            this.windows = windows;
            return this;
        }

        /** Measured passes per bundle after one warm-up pass (default 3). */
        public Builder optPasses(int passes) {
            this.passes = passes;
            return this;
        }

        /** Child JVMs per bundle for start-up time and memory; 0 skips (default 3). */
        public Builder optStartups(int startups) {
            this.startups = startups;
            return this;
        }

        /** Windows each child JVM classifies before reporting its memory (default 50). */
        public Builder optChildWindows(int childWindows) {
            this.childWindows = childWindows;
            return this;
        }

        /** JVM options of the child JVMs (default {@code -Xmx512m -XX:+UseSerialGC}). */
        public Builder optChildJvmArgs(String childJvmArgs) {
            this.childJvmArgs = Objects.requireNonNull(childJvmArgs, "childJvmArgs");
            return this;
        }

        /** Where the datasets are. Required. */
        public Builder setDataRoot(DataRoot root) {
            this.root = Objects.requireNonNull(root, "root");
            return this;
        }

        /** The harness; options are checked when it runs. */
        public EdgeCost build() {
            if (root == null) throw new IllegalStateException("EdgeCost.builder(): setDataRoot is required");
            return new EdgeCost(this);
        }
    }
}
