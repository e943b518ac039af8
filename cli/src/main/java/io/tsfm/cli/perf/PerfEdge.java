package io.tsfm.cli.perf;

import io.tsfm.cli.DataRootOption;
import io.tsfm.lab.perf.EdgeCost;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tsfm perf edge}: what the edge client costs on a device, per bundle ({@link EdgeCost}). */
@Command(name = "edge", mixinStandardHelpOptions = true,
        description = {"Edge client cost per bundle: p50/p99 latency per window on one thread (windowing and "
                + "recognition of a replayed real recording), start-up time (new JVM to first prediction, median of "
                + "--startups), resident memory (VmRSS/VmHWM of that child JVM) and bundle size on disk.",
            "The first --model is the baseline of the ratio columns (default: the shipped bundle)."})
public final class PerfEdge implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "BUNDLE", description = "Bundles to measure, repeatable; the first is the baseline (default: models/tsfm-mini).")
    List<Path> models;

    @Option(names = "--dataset", defaultValue = "hapt", description = "Dataset whose sessions are replayed (default ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--windows", defaultValue = "300", description = "Windows per measured pass (default ${DEFAULT-VALUE}).")
    int windows;

    @Option(names = "--passes", defaultValue = "3", description = "Measured passes per bundle, after one warm-up pass; figures are medians over passes (default ${DEFAULT-VALUE}).")
    int passes;

    @Option(names = "--startups", defaultValue = "3", description = "Child JVMs per bundle for start-up time and memory (default ${DEFAULT-VALUE}; 0 skips).")
    int startups;

    @Option(names = "--child-windows", defaultValue = "50", description = "Windows each child JVM classifies before reporting its memory (default ${DEFAULT-VALUE}).")
    int childWindows;

    @Option(names = "--child-jvm-args", defaultValue = "-Xmx512m -XX:+UseSerialGC", description = "JVM options of the child JVMs, a device's budget (default ${DEFAULT-VALUE}).")
    String childJvmArgs;

    @Mixin DataRootOption rootOption;

    @Override
    public Integer call() throws Exception {
        return EdgeCost.builder().optModels(models).optDataset(dataset).optWindows(windows).optPasses(passes)
                .optStartups(startups).optChildWindows(childWindows).optChildJvmArgs(childJvmArgs)
                .setDataRoot(rootOption.resolve()).build().run();
    }
}
