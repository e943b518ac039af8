package io.tsfm.benchmark.finetune;

import ai.djl.Device;
import io.tsfm.benchmark.metrics.MetricKind;
import io.tsfm.benchmark.protocol.BenchmarkDataset;
import io.tsfm.benchmark.protocol.BenchmarkWindow;
import io.tsfm.benchmark.protocol.FineTuneSplit;
import io.tsfm.benchmark.run.BenchmarkException;
import io.tsfm.benchmark.run.SupervisedSystem;
import io.tsfm.core.preprocess.Patcher;
import io.tsfm.core.runtime.ModelBundle;
import io.tsfm.core.runtime.SensorWindow;
import io.tsfm.core.text.MiniLmTextEncoder;
import io.tsfm.datasets.eval.DatasetWindows;
import io.tsfm.training.finetune.ClassProbabilities;
import io.tsfm.training.finetune.FineTuneResult;
import io.tsfm.training.finetune.FineTuningDivergedException;
import io.tsfm.training.finetune.TsfmFineTuner;
import io.tsfm.training.model.Devices;
import io.tsfm.training.text.TextBank;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * TSFM's 1 % / 10 % rows (spec §6.5): for each test dataset and label rate the bundle's training checkpoint is
 * fine-tuned by the training module's {@link TsfmFineTuner} on the split's labelled windows, early-stopped on its
 * validation windows, and the restored best state predicts the test windows. Named like the bundle's zero-shot system,
 * so the report shows one row per model. Before any fine-tuning, {@link #check} proves the checkpoint is the bundle's
 * model on real windows of each dataset ({@link BundleCheckpoint}). Each fine-tune's history is written to
 * {@code <report>/fine-tune/<dataset>-<metric>.json} with its training curve beside it ({@code .png}).
 *
 * <p>Given several learning rates, each is fine-tuned and the one whose restored state has the best validation
 * accuracy is chosen (ties go to the earlier rate): a choice made on the split's validation part only, like the
 * reference's choice of epoch, never on the test part. The chosen run predicts the test windows; with
 * {@link FineTuneRecipe#seeds()} above one, that rate is fine-tuned again with further seeds and the mean of the runs'
 * class probabilities predicts. What was chosen and how each run scored on validation: {@link #selections()}.
 *
 * <p>Owns a MiniLM text encoder; {@link #close()} once. Not thread-safe.
 */
public final class TsfmFineTuning implements SupervisedSystem, AutoCloseable {
    /** Windows of each dataset the checkpoint and the bundle are compared on. */
    static final int VERIFY_WINDOWS = 8;

    private final String name;
    private final Path bundle;
    private final Path checkpoint;
    private final Path historyDir;
    private final PrintStream progress;
    private final double patchSeconds;
    private final Patcher patcher;
    private final Device device;
    private final FineTuneRecipe recipe;
    private final Map<String, FineTuneSelection> selections = new LinkedHashMap<>();
    private final MiniLmTextEncoder encoder;
    private final TextBank text;
    private final Map<String, Double> verified = new LinkedHashMap<>();

    /**
     * @param name       the row name (the bundle's zero-shot system's)
     * @param bundle     the model bundle
     * @param checkpoint the checkpoint it was exported from
     * @param historyDir where histories and curves go (null: not written)
     * @param progress   where per-epoch progress lines go (null: silent)
     * @param recipe     how to fine-tune ({@link FineTuneRecipe#REFERENCE} for the reference's; with several learning
     *                   rates, the one with the best validation accuracy predicts the test windows)
     * @throws IOException when the bundle cannot be opened
     */
    public TsfmFineTuning(String name, Path bundle, Path checkpoint, Path historyDir, PrintStream progress,
                          FineTuneRecipe recipe) throws IOException {
        this.recipe = Objects.requireNonNull(recipe);
        ModelBundle b = ModelBundle.open(bundle);
        this.name = name;
        this.bundle = bundle;
        this.checkpoint = checkpoint;
        this.historyDir = historyDir;
        this.progress = progress;
        this.patchSeconds = b.patchSeconds();
        this.patcher = b.patcher();
        this.device = Devices.preferred();
        this.encoder = MiniLmTextEncoder.builder().optMaxTokens(b.textMaxTokens()).build();
        this.text = new TextBank(encoder);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "checkpoint " + checkpoint + " fine-tuned per dataset and rate (spec §6.5: whole model, "
                + (recipe.trainsLabels() ? "label embeddings trained from their text embeddings" : "frozen label "
                + "embeddings") + ", logits / 0.07, cross-entropy" + (recipe.labelSmoothing() > 0 ? " (label smoothing "
                + recipe.labelSmoothing() + ")" : "") + ", AdamW lr " + recipe.rates() + " wd 1e-5, batch 32, ≤ "
                + recipe.maxEpochs() + " epochs, patience " + recipe.patience() + " on validation accuracy, best state "
                + "restored; DJL float32 on " + device.getDeviceType() + ")";
    }

    /** The checkpoint fine-tuned. */
    public Path checkpoint() {
        return checkpoint;
    }

    /**
     * Proves the checkpoint is the bundle's model on {@value #VERIFY_WINDOWS} windows spread over {@code dataset}
     * (once per dataset) and returns the largest embedding difference.
     *
     * @throws BenchmarkException when it is not
     */
    public double verify(BenchmarkDataset dataset) {
        Double d = verified.get(dataset.name());
        if (d != null) return d;
        List<BenchmarkWindow> all = dataset.windows();
        List<SensorWindow> some = new ArrayList<>();
        int n = Math.min(VERIFY_WINDOWS, all.size());
        for (int i = 0; i < n; i++) {
            some.add(all.get((int) ((long) i * all.size() / n)).toSensorWindow(dataset.description(), patchSeconds));
        }
        double worst = BundleCheckpoint.verify(bundle, checkpoint, some, text);
        verified.put(dataset.name(), worst);
        return worst;
    }

    @Override
    public void check(BenchmarkDataset dataset, FineTuneSplit split, double rate) {
        MetricKind.ofLabelRate(rate);
        if (split.validation().length == 0) {
            throw new BenchmarkException(dataset.name() + " has too few windows for a validation part ("
                    + dataset.windows().size() + "): fine-tuning needs one to choose its epoch");
        }
        verify(dataset);
    }

    @Override
    public List<String> predict(BenchmarkDataset dataset, FineTuneSplit split, double rate, List<BenchmarkWindow> test) {
        MetricKind m = MetricKind.ofLabelRate(rate);
        verify(dataset);
        String tag = dataset.name() + "-" + m.id();
        List<SensorWindow> testWindows = test.stream()
                .map(w -> w.toSensorWindow(dataset.description(), patchSeconds)).toList();
        List<DatasetWindows.Labeled> train = labelled(dataset, split.labelled(rate));
        List<DatasetWindows.Labeled> validation = labelled(dataset, split.validation());
        FineTuneResult best = null;
        double bestRate = Double.NaN;
        Map<Double, Double> byRate = new LinkedHashMap<>();
        List<String> diverged = new ArrayList<>();
        for (double lr : recipe.learningRates()) {
            FineTuneResult r;
            try {
                r = fineTune(dataset, m, lr, FineTuneRecipe.FIRST_SEED, train, validation, testWindows);
            } catch (FineTuningDivergedException e) {
                // a rate that diverges is a candidate that lost: the others still compete on validation
                if (!recipe.choosesRate()) throw e;
                diverged.add(lr + " (" + e.getMessage() + ")");
                if (progress != null) progress.printf(Locale.ROOT, "fine-tune %s %s lr %s left out: %s%n",
                        dataset.name(), m.title(), lr, e.getMessage());
                continue;
            }
            String runTag = recipe.choosesRate() ? tag + "-lr" + lr : tag;
            write(r, runTag, dataset, split, rate, m, lr);
            byRate.put(lr, r.bestValidationAccuracy());
            if (best == null || r.bestValidationAccuracy() > best.bestValidationAccuracy()) {
                best = r;
                bestRate = lr;
            }
        }
        if (best == null) {
            throw new IllegalStateException("fine-tuning " + tag + " diverged at every learning rate: " + diverged);
        }
        // the un-suffixed history is always the chosen rate's first run
        if (recipe.choosesRate()) write(best, tag, dataset, split, rate, m, bestRate);
        if (progress != null && recipe.choosesRate()) {
            progress.printf(Locale.ROOT, "fine-tune %s %s: lr %s chosen on validation (val acc %.3f)%n",
                    dataset.name(), m.title(), bestRate, best.bestValidationAccuracy());
        }
        // more seeds at the chosen rate: a run's early-stopped state varies with its shuffles and dropout masks, and
        // the mean of several runs' probabilities varies less
        Map<Long, FineTuneResult> bySeed = new LinkedHashMap<>();
        bySeed.put(FineTuneRecipe.FIRST_SEED, best);
        for (long seed = FineTuneRecipe.FIRST_SEED + 1; seed < FineTuneRecipe.FIRST_SEED + recipe.seeds(); seed++) {
            FineTuneResult r = fineTune(dataset, m, bestRate, seed, train, validation, testWindows);
            write(r, tag + "-lr" + bestRate + "-seed" + seed, dataset, split, rate, m, bestRate);
            bySeed.put(seed, r);
        }
        ClassProbabilities validationMean = ClassProbabilities.mean(
                bySeed.values().stream().map(FineTuneResult::validation).toList());
        Map<Long, Double> seedAccuracy = new LinkedHashMap<>();
        bySeed.forEach((seed, r) -> seedAccuracy.put(seed, r.bestValidationAccuracy()));
        FineTuneSelection selection = new FineTuneSelection(byRate, bestRate, seedAccuracy,
                validationMean.accuracy(validation.stream().map(DatasetWindows.Labeled::label).toList()),
                validation.size());
        selections.put(tag, selection);
        if (recipe.seeds() == 1) return best.predictions();
        if (progress != null) {
            progress.printf(Locale.ROOT, "fine-tune %s %s: the mean of %d seeds at lr %s predicts (val acc %.3f; "
                            + "the seeds alone %s)%n", dataset.name(), m.title(), recipe.seeds(), bestRate,
                    selection.ensembleValidationAccuracy(), seedAccuracy.values());
        }
        return ClassProbabilities.mean(bySeed.values().stream().map(FineTuneResult::test).toList()).predictions();
    }

    private FineTuneResult fineTune(BenchmarkDataset dataset, MetricKind m, double lr, long seed,
                                    List<DatasetWindows.Labeled> train, List<DatasetWindows.Labeled> validation,
                                    List<SensorWindow> test) {
        String what = "fine-tune " + dataset.name() + " " + m.title()
                + (recipe.choosesRate() || recipe.seeds() > 1 ? " lr " + lr : "")
                + (seed == FineTuneRecipe.FIRST_SEED ? "" : " seed " + seed);
        try {
            FineTuneResult r = TsfmFineTuner.builder().setCheckpoint(checkpoint)
                    .setTrain(train).setValidation(validation)
                    .setLabels(dataset.labels()).optTextBank(text).optDevice(device).optPatcher(patcher)
                    .optPatchSeconds(patchSeconds).optSeed(seed).optLearningRate(lr)
                    .optMaxEpochs(recipe.maxEpochs()).optPatience(recipe.patience())
                    .optLearnableLabels(recipe.trainsLabels()).optLabelSmoothing(recipe.labelSmoothing())
                    .optProgress(progress, what)
                    .build().run(test);
            if (progress != null) {
                progress.printf(Locale.ROOT, "%s: %d labelled windows, best epoch %d of %d (val acc %.3f), %.1f s%n",
                        what, train.size(), r.bestEpoch(), r.history().size(),
                        r.bestValidationAccuracy(), r.seconds());
            }
            return r;
        } catch (IOException e) {
            throw new BenchmarkException("fine-tuning " + name + " on " + dataset.name() + " " + m.title() + " (lr "
                    + lr + "): " + e.getMessage(), e);
        }
    }

    private void write(FineTuneResult r, String runTag, BenchmarkDataset dataset, FineTuneSplit split, double rate,
                       MetricKind m, double lr) {
        if (historyDir == null) return;
        try {
            r.writeJson(historyDir.resolve(runTag + ".json"));
            r.writeCurve(historyDir.resolve(runTag + ".png"), name + " fine-tuned on " + dataset.name() + ", "
                    + m.title() + " (" + split.labelled(rate).length + " windows, lr " + lr + ")");
        } catch (IOException e) {
            throw new BenchmarkException("writing the fine-tuning history " + historyDir.resolve(runTag + ".json")
                    + ": " + e.getMessage(), e);
        }
    }

    /** The learning rate chosen on validation for each fine-tune so far, by {@code <dataset>-<metric>}. */
    public Map<String, Double> chosenLearningRates() {
        Map<String, Double> out = new LinkedHashMap<>();
        selections.forEach((tag, s) -> out.put(tag, s.chosenRate()));
        return out;
    }

    /** What each fine-tune so far chose on validation and how its runs scored there, by {@code <dataset>-<metric>}. */
    public Map<String, FineTuneSelection> selections() {
        return new LinkedHashMap<>(selections);
    }

    private List<DatasetWindows.Labeled> labelled(BenchmarkDataset d, int[] indices) {
        List<DatasetWindows.Labeled> out = new ArrayList<>(indices.length);
        for (BenchmarkWindow w : d.select(indices)) {
            out.add(new DatasetWindows.Labeled(w.toSensorWindow(d.description(), patchSeconds), w.label()));
        }
        return out;
    }


    @Override
    public void close() {
        encoder.close();
    }
}
