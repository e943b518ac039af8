package io.tsfm.cli.demo;

import io.tsfm.cli.DataRootOption;
import io.tsfm.datasets.DataRoot;
import io.tsfm.core.runtime.ModelBundle;
import io.tsfm.lab.TsfmHome;
import io.tsfm.lab.demo.DemoData;
import io.tsfm.lab.demo.DemoRun;
import io.tsfm.lab.demo.DemoSummary;
import io.tsfm.lab.demo.DemoView;
import io.tsfm.lab.demo.HeldLogs;
import io.tsfm.lab.demo.LineView;
import io.tsfm.lab.demo.LiveView;
import io.tsfm.lab.fleet.Imperfections;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tsfm demo}: the whole system live on one machine, in one command (see {@link DemoRun}), with a live view
 * and a summary at the end.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Watch a fleet of devices being recognised live: Kafka, the streaming job and a device fleet on "
                + "this machine.",
            "Starts a real Kafka broker and the streaming job (Flink MiniCluster) serving the model bundle, runs "
                + "simulated devices replaying held-out sessions (a zero-shot test set by default) in real time, and "
                + "shows each device's true and predicted activity, score and latency as predictions arrive. Ends "
                + "after --seconds or Ctrl-C with a summary (accuracy so far, p50/p99 latency, windows) and leaves "
                + "no process, port or temporary directory behind.",
            "Exit codes: 0 done, 1 failure, 2 nothing to replay (no data) or a bad option."})
public final class DemoCommand implements Callable<Integer> {
    /** The shipped bundle, relative to the repository root. */
    static final String SHIPPED_MODEL = TsfmHome.DEFAULT_BUNDLE;

    @Option(names = "--model", paramLabel = "BUNDLE",
            description = "Model bundle directory (default: the shipped " + SHIPPED_MODEL + " of this repository).")
    Path model;

    @Option(names = "--dataset", paramLabel = "NAME",
            description = "Dataset to replay (default: the first zero-shot test set found: motionsense, mobifall_v2, "
                    + "basicmotions, racketsports). A training set replays only the subjects the model's training held out.")
    String dataset;

    @Option(names = "--devices", defaultValue = "4", description = "Simulated devices (default ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--seconds", defaultValue = "60",
            description = "Seconds to run once the devices start; 0 runs until Ctrl-C (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--labels", split = ",", paramLabel = "LABEL",
            description = "Switch live to these labels (comma separated): a LabelSetUpdate on the control topic.")
    List<String> labels;

    @Option(names = "--switch-after", paramLabel = "SECONDS",
            description = "When to publish --labels, in seconds after the devices start (default: half of --seconds, "
                    + "or 30 when running until Ctrl-C).")
    Double switchAfter;

    @Option(names = "--session-seconds", defaultValue = "30",
            description = "Longest stretch of one recording played, so activities change; 0 plays whole recordings "
                    + "(default ${DEFAULT-VALUE}).")
    double sessionSeconds;

    @Option(names = "--imperfections", defaultValue = "mild",
            description = "What goes wrong with the devices: none, mild (jitter, a few dropped and duplicated frames, "
                    + "clocks off by up to 50 ms) or realistic (the fleet simulator's: clocks off by seconds, "
                    + "disconnections and bursts; the job dead-letters late frames) (default ${DEFAULT-VALUE}).")
    String imperfections;

    @Option(names = "--view", defaultValue = "auto",
            description = "live (a table redrawn in place), lines (one line per prediction) or auto: live on a "
                    + "terminal, lines otherwise (default ${DEFAULT-VALUE}).")
    String viewMode;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the session order and the fleet (default ${DEFAULT-VALUE}).")
    long seed;

    @Mixin DataRootOption rootOption;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        String problem = checkOptions();
        if (problem != null) {
            err.println("demo: " + problem);
            return 2;
        }
        DataRoot root = rootOption.resolve();
        String name;
        try {
            name = DemoData.choose(root, dataset);
        } catch (DemoData.NoDataException e) {
            err.println("demo: " + e.getMessage());
            return 2;
        }
        Path bundleDir = model != null ? model : shippedModel();
        if (!Files.isRegularFile(bundleDir.resolve("manifest.json"))) {
            err.println("demo: no model bundle at " + bundleDir.toAbsolutePath() + (model != null ? "" : " (the "
                    + "shipped bundle " + SHIPPED_MODEL + ")") + ". Pass --model BUNDLE_DIR, or make one: ./tsfm train "
                    + "--tier micro --minutes 10 --out runs/micro && ./tsfm export --checkpoint runs/micro/final "
                    + "--out " + SHIPPED_MODEL);
            return 2;
        }
        ModelBundle bundle = ModelBundle.open(bundleDir);
        DemoData data;
        try {
            data = DemoData.load(root, name, bundle, sessionSeconds, seed);
        } catch (DemoData.NoDataException e) {
            err.println("demo: " + e.getMessage());
            return 2;
        }
        double total = seconds;
        double switchAt = switchAfter != null ? switchAfter : total > 0 ? total / 2 : 30;
        DemoRun.Settings settings = new DemoRun.Settings(bundleDir, bundle, data, devices, total,
                labels == null ? null : labels.stream().map(String::trim).filter(l -> !l.isEmpty()).toList(),
                switchAt, imperfections(imperfections), seed);
        err.println("demo: starting Kafka and the streaming job (Ctrl-C stops)...");

        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                done.await(60, TimeUnit.SECONDS); // the main thread shuts everything down and prints the summary
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tsfm-demo-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            DemoView view = view(out);
            DemoRun.Result result;
            HeldLogs held = view instanceof LiveView ? HeldLogs.divert() : null;
            try {
                result = DemoRun.run(settings, view, stop);
            } finally {
                if (held != null) {
                    held.close();
                    if (held.count() > 0) {
                        err.println("demo: " + held.count() + " log lines held back while the view was live; the last:");
                        held.newest().forEach(err::println);
                    }
                }
            }
            DemoSummary.print(out, data, settings, result);
            return 0;
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waits for us
            }
        }
    }

    private String checkOptions() {
        if (devices < 1) return "--devices must be at least 1, got " + devices;
        if (seconds < 0) return "--seconds must be >= 0 (0 runs until Ctrl-C), got " + seconds;
        if (sessionSeconds < 0) return "--session-seconds must be >= 0, got " + sessionSeconds;
        if (switchAfter != null && switchAfter < 0) return "--switch-after must be >= 0, got " + switchAfter;
        if (labels != null && labels.stream().map(String::trim).allMatch(String::isEmpty)) {
            return "--labels names no label";
        }
        if (labels != null && labels.stream().map(String::trim).distinct().count() != labels.size()) {
            return "--labels lists a label twice: " + String.join(",", labels);
        }
        if (!List.of("none", "mild", "realistic").contains(imperfections)) {
            return "--imperfections must be none, mild or realistic, got '" + imperfections + "'";
        }
        if (!List.of("auto", "live", "lines").contains(viewMode)) {
            return "--view must be auto, live or lines, got '" + viewMode + "'";
        }
        return null;
    }

    private DemoView view(PrintStream out) {
        boolean live = switch (viewMode) {
            case "live" -> true;
            case "lines" -> false;
            default -> System.console() != null && !"dumb".equals(System.getenv("TERM"));
        };
        return live ? new LiveView(out) : new LineView(out);
    }

    /** The demo's device imperfections by name. */
    static Imperfections imperfections(String name) {
        return switch (name) {
            case "none" -> Imperfections.none();
            // within the job's 500 ms watermark bound, so no frame arrives late: the demo is about recognition
            case "mild" -> new Imperfections(0.05, 20, 2.0, 0.005, 0.002, 0, 0);
            case "realistic" -> Imperfections.realistic();
            default -> throw new IllegalArgumentException("unknown imperfections '" + name + "'");
        };
    }

    /** The shipped bundle under the repository root ({@link TsfmHome}), else relative to the working directory. */
    static Path shippedModel() {
        return TsfmHome.find().map(root -> root.resolve(SHIPPED_MODEL)).orElse(Path.of(SHIPPED_MODEL));
    }
}
