package io.tsfm.cli.benchmark;

import io.tsfm.benchmark.baseline.BaselineStore;
import io.tsfm.benchmark.baseline.StoredRandomForest;
import io.tsfm.benchmark.finetune.BundleCheckpoint;
import io.tsfm.benchmark.finetune.TsfmFineTuning;
import io.tsfm.benchmark.protocol.BenchmarkDataset;
import io.tsfm.benchmark.protocol.BenchmarkDatasets;
import io.tsfm.benchmark.report.BenchmarkResult;
import io.tsfm.benchmark.report.PublishedResults;
import io.tsfm.benchmark.report.ReportWriter;
import io.tsfm.benchmark.run.BenchmarkRunner;
import io.tsfm.benchmark.run.BundleSystems;
import io.tsfm.benchmark.run.ProtocolDeviations;
import io.tsfm.cli.DataRootOption;
import io.tsfm.core.data.DataRoot;
import io.tsfm.core.data.DatasetCatalog;
import io.tsfm.core.runtime.ExecutionDevice;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tsfm benchmark}: the 4-metric protocol over test datasets, written as report.json and report.md. */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = {"Benchmark a model bundle and baselines on test datasets (spec §6): zero-shot open-set and "
                + "closed-set, 1 % / 10 % supervised, with the reference's published rows beside them.",
            "Writes report.json, report.md and confusion-matrix PNGs into --report."})
public final class BenchmarkCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "BUNDLE", description = "Model bundle directory (omit to run baselines only).")
    Path model;

    @Option(names = "--datasets", split = ",", paramLabel = "A,B",
            description = "Test datasets (default: mobifall_v2,basicmotions,racketsports).")
    List<String> datasets = BenchmarkDatasets.DEFAULT;

    @Option(names = "--report", required = true, paramLabel = "DIR", description = "Report directory.")
    Path report;

    @Option(names = "--path", defaultValue = "direct",
            description = "How windows reach the model: direct (in-process classifier) (default ${DEFAULT-VALUE}).")
    String path;

    @Option(names = "--baselines", split = ",", paramLabel = "NAME",
            description = "Trained baselines to add as rows: rf, lanhar (train first with 'tsfm baseline train NAME').")
    List<String> baselines = List.of();

    @Option(names = "--baseline-dir", paramLabel = "DIR", defaultValue = "baselines",
            description = "Where 'tsfm baseline train' saved the baselines (default ${DEFAULT-VALUE}).")
    Path baselineDir;

    @Option(names = "--batch-size", defaultValue = "32", description = "Windows per classifier call (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--device", defaultValue = "cpu",
            description = "cpu or cuda for the model (falls back to cpu with a warning) (default ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--checkpoint", paramLabel = "DIR",
            description = "Training checkpoint the bundle was exported from, fine-tuned for the 1 % / 10 % cells "
                    + "(default: <bundle>.checkpoint beside the bundle when present). Verified to be the bundle's model.")
    Path checkpoint;

    @Option(names = "--no-fine-tune", description = "Skip TSFM's 1 % / 10 % fine-tuning (its cells say 'not run').")
    boolean noFineTune;

    @Option(names = "--fine-tune-lr", paramLabel = "LR", defaultValue = "1e-5",
            description = "AdamW learning rate of the fine-tuning (default ${DEFAULT-VALUE}, the reference's; another "
                    + "value is reported as a deviation).")
    double fineTuneLr;

    @Mixin DataRootOption rootOption;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        if (!"direct".equals(path)) {
            throw new IllegalArgumentException("--path " + path + ": only the direct path is available; the stream "
                    + "path (Kafka + the streaming job) is not implemented yet");
        }
        for (String b : baselines) {
            if (!BaselineStore.RANDOM_FOREST.equals(b) && !"lanhar".equals(b)) {
                throw new IllegalArgumentException("unknown baseline '" + b + "'; known: rf, lanhar");
            }
        }
        if (!device.equals("cpu") && !device.equals("cuda")) {
            throw new IllegalArgumentException("--device must be cpu or cuda, got '" + device + "'");
        }
        if (model == null && baselines.isEmpty()) {
            throw new IllegalArgumentException("nothing to benchmark: give --model BUNDLE and/or --baselines rf");
        }
        if (checkpoint != null && (model == null || noFineTune)) {
            throw new IllegalArgumentException("--checkpoint needs --model (the bundle it belongs to) and no "
                    + "--no-fine-tune");
        }
        Path fineTuneFrom = model == null || noFineTune ? null
                : checkpoint != null ? checkpoint : BundleCheckpoint.sibling(model).orElse(null);
        // the bundle first: a missing or tampered bundle fails before any dataset is read
        BundleSystems bundle = model == null ? null : BundleSystems.open(model, batchSize,
                device.equals("cuda") ? ExecutionDevice.CUDA : ExecutionDevice.CPU);
        TsfmFineTuning fineTuning = null;
        AutoCloseable lanhar = null;
        try {
            DataRoot root = rootOption.resolve();
            List<BenchmarkDataset> sets = BenchmarkDatasets.load(datasets, DatasetCatalog.load(root), root);
            PublishedResults published = PublishedResults.load();
            BenchmarkRunner.Builder b = BenchmarkRunner.builder().setDatasets(sets).optPublished(published)
                    .optProgress(System.err, System.console() != null)
                    .optSetting("datasets", String.join(", ", datasets))
                    .optSetting("path", path)
                    .optSetting("data root", root.toString())
                    .optSetting("windows", "6 s, native rate, non-overlapping, majority label (spec §1.5)")
                    .optSetting("split", "80/10/10 after RandomState(3431).shuffle; balanced 1 % / 10 % (spec §6.5)")
                    .optSetting("batch size", String.valueOf(batchSize));
            if (baselines.contains(BaselineStore.RANDOM_FOREST)) {
                b.optSupervised(new StoredRandomForest(new BaselineStore(baselineDir)));
                b.optSetting("baselines", String.join(", ", baselines) + " (from " + baselineDir + ")");
            }
            if (baselines.contains("lanhar")) lanhar = LanHarCli.addTo(b, root, baselineDir);
            double patchSeconds = 1.0;
            if (bundle != null) {
                bundle.systems().forEach(b::optZeroShot);
                bundle.facts().forEach(b::optModelFact);
                b.optSetting("device", device);
                patchSeconds = bundle.patchSeconds();
                if (fineTuneFrom != null) {
                    fineTuning = new TsfmFineTuning(bundle.systems().get(0).name(), model, fineTuneFrom,
                            report.resolve("fine-tune"), System.err, fineTuneLr);
                    if (fineTuneLr != TsfmFineTuning.REFERENCE_LEARNING_RATE) {
                        b.optDeviation("TSFM fine-tuning used AdamW learning rate " + fineTuneLr + " (--fine-tune-lr), "
                                + "not the reference's " + TsfmFineTuning.REFERENCE_LEARNING_RATE + ".");
                    }
                    double worst = 0;
                    for (BenchmarkDataset d : sets) worst = Math.max(worst, fineTuning.verify(d));
                    b.optSupervised(fineTuning);
                    b.optModelFact("fine-tune checkpoint", String.format(Locale.ROOT, "%s (its embeddings match the "
                            + "bundle's within %.1e on real windows of every test dataset)", fineTuneFrom, worst));
                } else {
                    b.optModelFact("fine-tune checkpoint", noFineTune ? "not run (--no-fine-tune)"
                            : "none beside the bundle (" + model + ".checkpoint); give --checkpoint DIR");
                }
                for (String d : datasets) {
                    if (bundle.trainingDatasets().contains(d)) {
                        b.optDeviation(d + " is one of the model's training datasets: its zero-shot numbers are not "
                                + "zero-shot.");
                    }
                }
            }
            for (String d : ProtocolDeviations.of(sets, bundle != null, patchSeconds,
                    baselines.contains(BaselineStore.RANDOM_FOREST), fineTuning != null)) {
                b.optDeviation(d);
            }
            BenchmarkResult result = b.build().run();
            BenchmarkResult timed = new BenchmarkResult(result.settings(), result.model(), result.datasets(),
                    result.rows(), result.deviations(), result.timings(), (System.nanoTime() - start) / 1e9);
            Path md = ReportWriter.write(timed, published, report);
            System.out.printf(Locale.ROOT, "report: %s (and report.json), wall time %.1f s%n", md, timed.wallSeconds());
        } finally {
            if (fineTuning != null) fineTuning.close();
            if (bundle != null) bundle.close();
            if (lanhar != null) lanhar.close();
        }
        return 0;
    }
}
