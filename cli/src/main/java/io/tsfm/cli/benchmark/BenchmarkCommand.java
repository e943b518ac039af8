package io.tsfm.cli.benchmark;

import io.tsfm.benchmark.baseline.BaselineCheckpoint;
import io.tsfm.benchmark.baseline.BaselineStore;
import io.tsfm.benchmark.baseline.StoredRandomForest;
import io.tsfm.benchmark.baseline.neural.NeuralBaseline;
import io.tsfm.benchmark.baseline.neural.NeuralDeviations;
import io.tsfm.benchmark.baseline.neural.NeuralStore;
import io.tsfm.benchmark.baseline.neural.StoredNeuralBaseline;
import io.tsfm.benchmark.baseline.neural.TrainingCorpus;
import io.tsfm.benchmark.finetune.BundleCheckpoint;
import io.tsfm.benchmark.finetune.FineTuneRecipe;
import io.tsfm.benchmark.finetune.TsfmFineTuning;
import io.tsfm.benchmark.protocol.BenchmarkDataset;
import io.tsfm.benchmark.protocol.BenchmarkDatasets;
import io.tsfm.benchmark.report.BenchmarkResult;
import io.tsfm.benchmark.report.PathComparison;
import io.tsfm.benchmark.report.PublishedResults;
import io.tsfm.benchmark.report.ReportWriter;
import io.tsfm.benchmark.run.BenchmarkRunner;
import io.tsfm.benchmark.run.BundleSystems;
import io.tsfm.benchmark.run.ProtocolDeviations;
import io.tsfm.benchmark.run.ZeroShotSystem;
import io.tsfm.benchmark.stream.PathCheck;
import io.tsfm.benchmark.stream.StreamPath;
import io.tsfm.cli.DataRootOption;
import io.tsfm.core.labels.LabelVocabulary;
import io.tsfm.core.ort.ExecutionDevice;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.catalog.DatasetCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tsfm benchmark}: the 4-metric protocol over test datasets, written as report.json and report.md. */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = {"Benchmark a model bundle and baselines on test datasets (spec §6): zero-shot open-set and "
                + "closed-set, 1 %% / 10 %% supervised, with the reference's published rows beside them.",
            "Writes report.json, report.md and confusion-matrix PNGs into --report."})
public final class BenchmarkCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "BUNDLE", description = "Model bundle directory (omit to run baselines only).")
    Path model;

    @Option(names = "--datasets", split = ",", paramLabel = "A,B",
            description = "Test datasets (default: mobifall_v2,motionsense,basicmotions,racketsports).")
    List<String> datasets = BenchmarkDatasets.DEFAULT;

    @Option(names = "--report", required = true, paramLabel = "DIR", description = "Report directory.")
    Path report;

    @Option(names = "--path", defaultValue = "direct",
            description = "How windows reach the model: direct (in-process classifier), stream (replayed through "
                    + "Kafka and the streaming job; the direct path also runs on the same windows and the report "
                    + "states whether both agree) or both (a row for each) (default ${DEFAULT-VALUE}).")
    String path;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Stream path: Kafka where a streaming job already runs (6 s windows, hop 6 s, default "
                    + "topics); default: start an embedded broker and job in this JVM.")
    String bootstrapServers;

    @Option(names = "--replay-speed", defaultValue = "0", paramLabel = "X",
            description = "Stream path: replay at X times real time; 0 = as fast as possible (default ${DEFAULT-VALUE}).")
    double replaySpeed;

    @Option(names = "--stream-timeout", defaultValue = "20", paramLabel = "SECONDS",
            description = "Stream path: give up on a pass's unanswered windows after this long without a "
                    + "prediction; they are reported missing (default ${DEFAULT-VALUE}).")
    double streamTimeout;

    @Option(names = "--baselines", split = ",", paramLabel = "NAME",
            description = "Trained baselines to add as rows: rf, lanhar, limubert, crosshar (train first with 'tsfm "
                    + "baseline train NAME'); a neural baseline is one row with zero-shot and supervised cells.")
    List<String> baselines = List.of();

    @Option(names = "--baseline-dir", paramLabel = "DIR", defaultValue = "baselines",
            description = "Where 'tsfm baseline train' saved the baselines (default ${DEFAULT-VALUE}).")
    Path baselineDir;

    @Option(names = "--batch-size", defaultValue = "32", description = "Windows per classifier call (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--device", defaultValue = "cpu",
            description = "cpu or cuda (gpu is read as cuda) for the model (falls back to cpu with a warning) "
                    + "(default ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--baseline-training-datasets", split = ",", paramLabel = "A,B",
            description = "The training sets the neural baselines were trained on (default: hapt,hmp,utd_mhad); "
                    + "their checkpoints are verified against these windows.")
    List<String> baselineTraining = TrainingCorpus.DEFAULT_DATASETS;

    @Option(names = "--checkpoint", paramLabel = "DIR",
            description = "Training checkpoint the bundle was exported from, fine-tuned for the 1 %% / 10 %% cells "
                    + "(default: <bundle>.checkpoint beside the bundle when present). Verified to be the bundle's model.")
    Path checkpoint;

    @Option(names = "--no-fine-tune", description = "Skip TSFM's 1 %% / 10 %% fine-tuning (its cells say 'not run').")
    boolean noFineTune;

    @Option(names = "--fine-tune-lr", paramLabel = "LR[,LR...]", defaultValue = "1e-5,1e-4,1e-3", split = ",",
            description = "AdamW learning rate(s) of the fine-tuning (default ${DEFAULT-VALUE}: each is fine-tuned and "
                    + "the one with the best accuracy on the split's validation part predicts the test part; the "
                    + "reference's single 1e-5 barely moves a small model). Anything but 1e-5 alone is reported as a "
                    + "deviation from the reference.")
    List<Double> fineTuneLr;

    @Option(names = "--fine-tune-epochs", paramLabel = "N", defaultValue = "60",
            description = "Fine-tuning epochs at most (default ${DEFAULT-VALUE}; the reference's 20 stops the lower "
                    + "learning rates before they converge, measured on the splits' validation parts in "
                    + "docs/benchmark.md).")
    int fineTuneEpochs;

    @Option(names = "--fine-tune-patience", paramLabel = "N", defaultValue = "15",
            description = "Fine-tuning stops after N epochs without a better validation accuracy (default "
                    + "${DEFAULT-VALUE}; the reference's is 5).")
    int fineTunePatience;

    @Option(names = "--fine-tune-labels", paramLabel = "frozen|learnable", defaultValue = "frozen",
            description = "Label embeddings during fine-tuning: frozen text embeddings (the reference's) or learnable, "
                    + "started at them (default ${DEFAULT-VALUE}).")
    String fineTuneLabels;

    @Option(names = "--fine-tune-seeds", paramLabel = "N", defaultValue = "1",
            description = "Fine-tuning runs at the chosen learning rate, seeds 42, 43, ...; with more than one the "
                    + "mean of their class probabilities predicts (default ${DEFAULT-VALUE}). Each run's validation "
                    + "accuracy and the mean's are written to fine-tune/selection.json.")
    int fineTuneSeeds;

    @Option(names = "--fine-tune-label-smoothing", paramLabel = "E", defaultValue = "0",
            description = "Label smoothing of the fine-tuning's cross-entropy: (1 - E) on the true label, E / K on "
                    + "every label (default ${DEFAULT-VALUE}: one-hot, the reference's).")
    double fineTuneLabelSmoothing;

    @Mixin DataRootOption rootOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        if (!List.of("direct", "stream", "both").contains(path)) {
            throw new IllegalArgumentException("--path must be direct, stream or both, got '" + path + "'");
        }
        // checked before anything loads, so a bad value fails at once
        FineTuneRecipe recipe;
        try {
            recipe = new FineTuneRecipe(fineTuneLr, fineTuneEpochs, fineTunePatience,
                    FineTuneRecipe.LabelEmbeddings.parse(fineTuneLabels, "--fine-tune-labels"),
                    fineTuneSeeds, fineTuneLabelSmoothing);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        boolean streaming = !path.equals("direct");
        if (!streaming && bootstrapServers != null) {
            throw new IllegalArgumentException("--bootstrap-servers is for the stream path: add --path stream or both");
        }
        if (!(replaySpeed >= 0) || Double.isInfinite(replaySpeed)) {
            throw new IllegalArgumentException("--replay-speed must be 0 (as fast as possible) or a positive multiple "
                    + "of real time, got " + replaySpeed);
        }
        if (!(streamTimeout > 0) || Double.isInfinite(streamTimeout)) {
            throw new IllegalArgumentException("--stream-timeout must be a positive number of seconds, got "
                    + streamTimeout);
        }
        if (bootstrapServers != null && !bootstrapServers.matches("[^,:\\s]+:\\d{1,5}(,[^,:\\s]+:\\d{1,5})*")) {
            throw new IllegalArgumentException("--bootstrap-servers must be HOST:PORT[,HOST:PORT...], got '"
                    + bootstrapServers + "'");
        }
        if (streaming && model == null) {
            throw new IllegalArgumentException("--path " + path + " needs --model BUNDLE (the stream path serves a "
                    + "model)");
        }
        List<NeuralBaseline> neural = new ArrayList<>();
        for (String b : baselines) {
            if (NeuralBaseline.isNeural(b)) {
                neural.add(NeuralBaseline.byId(b));
            } else if (!BaselineStore.RANDOM_FOREST.equals(b) && !"lanhar".equals(b)) {
                throw new IllegalArgumentException("unknown baseline '" + b + "'; known: rf, lanhar, limubert, crosshar");
            }
        }
        ExecutionDevice executionDevice = ExecutionDevice.parse(device, "--device");
        if (model == null && baselines.isEmpty()) {
            throw new IllegalArgumentException("nothing to benchmark: give --model BUNDLE and/or --baselines NAME,...");
        }
        if (checkpoint != null && (model == null || noFineTune)) {
            throw new IllegalArgumentException("--checkpoint needs --model (the bundle it belongs to) and no "
                    + "--no-fine-tune");
        }
        Path fineTuneFrom = model == null || noFineTune ? null
                : checkpoint != null ? checkpoint : BundleCheckpoint.sibling(model).orElse(null);
        // the bundle first: a missing or tampered bundle fails before any dataset is read
        BundleSystems bundle = model == null ? null : BundleSystems.open(model, batchSize,
                executionDevice);
        List<AutoCloseable> toClose = new ArrayList<>();
        TsfmFineTuning fineTuning = null;
        StreamPath stream = null;
        try {
            DataRoot root = rootOption.resolve();
            DatasetCatalog catalog = DatasetCatalog.load(root);
            List<BenchmarkDataset> sets = BenchmarkDatasets.load(datasets, catalog, root);
            if (streaming) {
                stream = StreamPath.builder().setModel(model).optBootstrapServers(bootstrapServers)
                        .optReplaySpeed(replaySpeed).optIdleTimeout(Duration.ofMillis((long) (streamTimeout * 1000)))
                        .optLog(System.err).build();
            }
            PublishedResults published = PublishedResults.load();
            BenchmarkRunner.Builder b = BenchmarkRunner.builder().setDatasets(sets).optPublished(published)
                    .optProgress(System.err, System.console() != null)
                    .optSetting("datasets", String.join(", ", datasets))
                    .optSetting("path", path)
                    .optSetting("data root", root.toString())
                    .optSetting("windows", "6 s, native rate, non-overlapping, majority label (spec §1.5)")
                    .optSetting("channels", "accelerometer and gyroscope only (spec §1.5 core channels; other "
                            + "channels, e.g. MotionSense gravity and attitude, are left out)")
                    .optSetting("split", "80/10/10 after RandomState(3431).shuffle; balanced 1 % / 10 % (spec §6.5)")
                    .optSetting("batch size", String.valueOf(batchSize));
            double patchSeconds = 1.0;
            ZeroShotSystem streamed = null;
            if (bundle != null) {
                List<ZeroShotSystem> systems = new ArrayList<>(bundle.systems());
                if (stream != null) {
                    // the stream job serves the headline scoring (mean patch embedding); a vote row stays direct
                    ZeroShotSystem headline = systems.get(0);
                    streamed = new ZeroShotSystem(path.equals("both") ? headline.name() + " (stream)" : headline.name(),
                            stream, headline.groups(), headline.provenance());
                    if (path.equals("both")) systems.add(1, streamed);
                    else systems.set(0, streamed);
                    b.optSetting("stream", stream.embedded() ? "embedded Kafka broker + streaming job (MiniCluster)"
                            : "streaming job at Kafka " + bootstrapServers);
                    b.optSetting("replay speed", replaySpeed == 0 ? "as fast as possible"
                            : replaySpeed + "x real time");
                }
                systems.forEach(b::optZeroShot);
                bundle.facts().forEach(b::optModelFact);
                b.optSetting("device", executionDevice.wireName());
                patchSeconds = bundle.patchSeconds();
                if (fineTuneFrom != null) {
                    fineTuning = new TsfmFineTuning(bundle.systems().get(0).name(), model, fineTuneFrom,
                            report.resolve("fine-tune"), System.err, recipe);
                    recipe.deviations().forEach(b::optDeviation);
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
            // the model's rows first, then the baselines', in the report's tables
            if (!baselines.isEmpty()) {
                b.optSetting("baselines", String.join(", ", baselines) + " (from " + baselineDir + ")");
            }
            if (baselines.contains(BaselineStore.RANDOM_FOREST)) {
                b.optSupervised(new StoredRandomForest(new BaselineStore(baselineDir)));
            }
            // the neural baselines' checkpoints are verified against the training windows as they are read now;
            // LanHAR is always trained on the default sets, the others on --baseline-training: read each list once
            Map<List<String>, TrainingCorpus> corpora = new HashMap<>();
            if (baselines.contains("lanhar")) {
                TrainingCorpus corpus = TrainingCorpus.load(TrainingCorpus.DEFAULT_DATASETS, catalog, root);
                corpora.put(TrainingCorpus.DEFAULT_DATASETS, corpus);
                toClose.add(LanHarCli.addTo(b, corpus, baselineDir));
            }
            if (!neural.isEmpty()) {
                TrainingCorpus corpus = corpora.containsKey(baselineTraining) ? corpora.get(baselineTraining)
                        : TrainingCorpus.load(baselineTraining, catalog, root);
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
                NeuralDeviations.of(neural, pretrainCheckpoints, zeroShotCheckpoints, corpus, sets, vocabulary).forEach(b::optDeviation);
            }
            for (String d : ProtocolDeviations.of(sets, bundle != null, patchSeconds,
                    baselines.contains(BaselineStore.RANDOM_FOREST), fineTuning != null)) {
                b.optDeviation(d);
            }
            BenchmarkResult result = b.build().run();
            if (fineTuning != null) {
                Path dir = report.resolve("fine-tune");
                Files.createDirectories(dir);
                var json = new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter();
                if (recipe.choosesRate()) {
                    json.writeValue(dir.resolve("chosen-learning-rates.json").toFile(),
                            fineTuning.chosenLearningRates());
                }
                Map<String, Object> selection = new LinkedHashMap<>();
                fineTuning.selections().forEach((tag, s) -> selection.put(tag, s.toJson()));
                json.writeValue(dir.resolve("selection.json").toFile(), selection);
            }
            PathComparison agreement = null;
            if (stream != null) {
                System.err.println("stream path: comparing with the direct path on the same windows");
                agreement = PathCheck.compare(streamed.name(), stream, bundle.systems().get(0).path(), n -> { });
            }
            BenchmarkResult timed = new BenchmarkResult(result.settings(), result.model(), result.datasets(),
                    result.rows(), result.deviations(), result.timings(), (System.nanoTime() - start) / 1e9);
            Path md = ReportWriter.write(timed, published, agreement, report);
            if (agreement != null) {
                System.out.printf(Locale.ROOT, "stream vs direct: %s; replay %.1f windows/s (%d windows in %.1f s)%n",
                        agreement.verdict(), agreement.windowsPerSecond(), agreement.windows(), agreement.seconds());
            }
            System.out.printf(Locale.ROOT, "report: %s (and report.json), wall time %.1f s%n", md, timed.wallSeconds());
        } finally {
            try {
                if (stream != null) stream.close();
            } finally {
                try {
                    if (fineTuning != null) fineTuning.close();
                    for (AutoCloseable c : toClose) c.close();
                } finally {
                    if (bundle != null) bundle.close();
                }
            }
        }
        return 0;
    }
}
