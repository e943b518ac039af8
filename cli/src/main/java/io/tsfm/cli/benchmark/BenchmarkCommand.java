package io.tsfm.cli.benchmark;

import io.tsfm.benchmark.baseline.BaselineStore;
import io.tsfm.benchmark.baseline.StoredRandomForest;
import io.tsfm.benchmark.baseline.neural.NeuralBaseline;
import io.tsfm.benchmark.baseline.neural.NeuralDeviations;
import io.tsfm.benchmark.baseline.neural.NeuralStore;
import io.tsfm.benchmark.baseline.neural.StoredNeuralBaseline;
import io.tsfm.benchmark.baseline.neural.TrainingCorpus;
import io.tsfm.benchmark.baseline.BaselineCheckpoint;
import io.tsfm.benchmark.run.ZeroShotSystem;
import io.tsfm.core.labels.LabelVocabulary;
import java.util.ArrayList;
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
            description = "Trained baselines to add as rows: rf, limubert, crosshar (train first with 'tsfm baseline "
                    + "train NAME'); a neural baseline is one row with zero-shot and supervised cells.")
    List<String> baselines = List.of();

    @Option(names = "--baseline-dir", paramLabel = "DIR", defaultValue = "baselines",
            description = "Where 'tsfm baseline train' saved the baselines (default ${DEFAULT-VALUE}).")
    Path baselineDir;

    @Option(names = "--batch-size", defaultValue = "32", description = "Windows per classifier call (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--device", defaultValue = "cpu",
            description = "cpu or cuda for the model (falls back to cpu with a warning) (default ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--baseline-training-datasets", split = ",", paramLabel = "A,B",
            description = "The training sets the neural baselines were trained on (default: hapt,hmp,utd_mhad); "
                    + "their checkpoints are verified against these windows.")
    List<String> baselineTraining = TrainingCorpus.DEFAULT_DATASETS;

    @Mixin DataRootOption rootOption;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        if (!"direct".equals(path)) {
            throw new IllegalArgumentException("--path " + path + ": only the direct path is available; the stream "
                    + "path (Kafka + the streaming job) is not implemented yet");
        }
        List<NeuralBaseline> neural = new ArrayList<>();
        for (String b : baselines) {
            if (NeuralBaseline.isNeural(b)) {
                neural.add(NeuralBaseline.byId(b));
            } else if (!BaselineStore.RANDOM_FOREST.equals(b)) {
                throw new IllegalArgumentException("unknown baseline '" + b + "'; known: rf, limubert, crosshar");
            }
        }
        if (!device.equals("cpu") && !device.equals("cuda")) {
            throw new IllegalArgumentException("--device must be cpu or cuda, got '" + device + "'");
        }
        if (model == null && baselines.isEmpty()) {
            throw new IllegalArgumentException("nothing to benchmark: give --model BUNDLE and/or --baselines NAME,...");
        }
        // the bundle first: a missing or tampered bundle fails before any dataset is read
        BundleSystems bundle = model == null ? null : BundleSystems.open(model, batchSize,
                device.equals("cuda") ? ExecutionDevice.CUDA : ExecutionDevice.CPU);
        List<AutoCloseable> toClose = new ArrayList<>();
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
            if (!neural.isEmpty()) {
                // the baselines' checkpoints are verified against the training windows as they are read now
                TrainingCorpus corpus = TrainingCorpus.load(baselineTraining, DatasetCatalog.load(root), root);
                LabelVocabulary vocabulary = LabelVocabulary.defaults();
                NeuralStore store = new NeuralStore(baselineDir);
                List<BaselineCheckpoint> zeroShotCheckpoints = new ArrayList<>();
                List<BaselineCheckpoint> pretrainCheckpoints = new ArrayList<>();
                for (NeuralBaseline kind : neural) {
                    StoredNeuralBaseline stored = new StoredNeuralBaseline(kind, store);
                    toClose.add(stored);
                    ZeroShotSystem zs = stored.zeroShot(corpus, vocabulary);
                    toClose.add(zs.path());
                    zeroShotCheckpoints.add(store.verifyTraining(kind.id(), NeuralStore.ZERO_SHOT, corpus));
                    pretrainCheckpoints.add(store.verifyTraining(kind.id(), NeuralStore.PRETRAIN, corpus));
                    b.optZeroShot(zs).optSupervised(stored);
                }
                b.optSetting("baselines", String.join(", ", baselines) + " (from " + baselineDir + ")");
                NeuralDeviations.of(neural, pretrainCheckpoints, zeroShotCheckpoints, corpus, sets, vocabulary).forEach(b::optDeviation);
            }
            double patchSeconds = 1.0;
            if (bundle != null) {
                bundle.systems().forEach(b::optZeroShot);
                bundle.facts().forEach(b::optModelFact);
                b.optSetting("device", device);
                patchSeconds = bundle.patchSeconds();
                for (String d : datasets) {
                    if (bundle.trainingDatasets().contains(d)) {
                        b.optDeviation(d + " is one of the model's training datasets: its zero-shot numbers are not "
                                + "zero-shot.");
                    }
                }
            }
            for (String d : ProtocolDeviations.of(sets, bundle != null, patchSeconds,
                    baselines.contains(BaselineStore.RANDOM_FOREST),
                    neural.stream().map(NeuralBaseline::displayName).toList())) {
                b.optDeviation(d);
            }
            BenchmarkResult result = b.build().run();
            BenchmarkResult timed = new BenchmarkResult(result.settings(), result.model(), result.datasets(),
                    result.rows(), result.deviations(), result.timings(), (System.nanoTime() - start) / 1e9);
            Path md = ReportWriter.write(timed, published, report);
            System.out.printf(Locale.ROOT, "report: %s (and report.json), wall time %.1f s%n", md, timed.wallSeconds());
        } finally {
            for (AutoCloseable c : toClose) c.close();
            if (bundle != null) bundle.close();
        }
        return 0;
    }
}
