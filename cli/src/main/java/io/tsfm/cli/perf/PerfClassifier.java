package io.tsfm.cli.perf;

import io.tsfm.cli.DataRootOption;
import io.tsfm.core.runtime.LabelSet;
import io.tsfm.core.runtime.SensorWindow;
import io.tsfm.core.text.MiniLmTextEncoder;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.catalog.DatasetCatalog;
import io.tsfm.datasets.eval.DatasetWindows;
import io.tsfm.export.bundle.BundleExporter;
import io.tsfm.export.perf.ClassifierBenchmark;
import io.tsfm.export.perf.UntrainedCheckpoint;
import io.tsfm.training.model.config.TsfmConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tsfm perf classifier}: serving windows/s and latency, ONNX Runtime next to DJL eager, MACs per window. */
@Command(name = "classifier", mixinStandardHelpOptions = true,
        description = {"Serving speed: windows/s and p50/p99 latency of the bundle classifier (ONNX Runtime) per batch "
                + "size and thread count, the same through DJL eager inference, and MACs per window against the "
                + "machine's measured matrix-product rate.",
            "Tiers listed in --tiers are measured with untrained weights (speed does not depend on them); "
                + "--model/--checkpoint adds a trained bundle."})
public final class PerfClassifier implements Callable<Integer> {
    @Option(names = "--tiers", split = ",", description = "Tiers to measure with fresh weights (default: micro,tiny).")
    List<String> tiers = List.of("micro", "tiny");

    @Option(names = "--model", paramLabel = "BUNDLE", description = "A trained bundle to measure as well.")
    Path model;

    @Option(names = "--checkpoint", paramLabel = "DIR", description = "The checkpoint --model was exported from.")
    Path checkpoint;

    @Option(names = "--dataset", defaultValue = "hapt", description = "Dataset the real windows come from (default ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--batch-sizes", split = ",", description = "Batch sizes (default: 1,16,64).")
    List<Integer> batches = List.of(1, 16, 64);

    @Option(names = "--threads", split = ",", description = "Intra-op thread counts (default: 1,2).")
    List<Integer> threads = List.of(1, 2);

    @Option(names = "--seconds", defaultValue = "3", description = "Measuring time per configuration (default ${DEFAULT-VALUE}).")
    double seconds;

    @Mixin DataRootOption rootOption;

    @Override
    public Integer call() throws Exception {
        if ((model == null) != (checkpoint == null)) {
            throw new IllegalArgumentException("--model and --checkpoint go together");
        }
        DataRoot root = rootOption.resolve();
        Dataset d = DatasetCatalog.load(root).read(dataset, root);
        List<SensorWindow> windows = DatasetWindows.spread(DatasetWindows.of(d, BundleExporter.SERVING_PATCH_SECONDS), 256)
                .stream().map(DatasetWindows.Labeled::window).toList();
        LabelSet labels = new LabelSet(dataset, 1, d.manifest().labels());
        Path work = Files.createTempDirectory("tsfm-perf-classifier");
        try (MiniLmTextEncoder encoder = MiniLmTextEncoder.builder().optMaxTokens(128).build()) {
            List<ClassifierBenchmark.Target> targets = new ArrayList<>();
            for (String tier : tiers) {
                System.err.println("perf classifier: exporting an untrained " + tier + " bundle");
                Path ck = UntrainedCheckpoint.write(TsfmConfig.tier(tier), work.resolve(tier + "-checkpoint"), encoder,
                        List.of(dataset));
                Path bundle = BundleExporter.builder().setCheckpoint(ck).setOutput(work.resolve(tier + "-bundle"))
                        .optDataRoot(root).optParityWindows(8)
                        .optLog(new PrintStream(new ByteArrayOutputStream(), true)).build().export().bundle();
                targets.add(new ClassifierBenchmark.Target(tier, bundle, ck));
            }
            if (model != null) targets.add(new ClassifierBenchmark.Target("trained", model, checkpoint));
            ClassifierBenchmark.Report report = ClassifierBenchmark.run(targets, windows, labels, batches, threads,
                    seconds, encoder, System.err);
            System.out.println("tsfm perf classifier: " + windows.size() + " real " + dataset + " windows (6 s, "
                    + windows.get(0).samples().length + " channels), CPU, " + Runtime.getRuntime().availableProcessors()
                    + " cores");
            ClassifierBenchmark.print(report, System.out);
        } finally {
            try (var s = Files.walk(work)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }
}
