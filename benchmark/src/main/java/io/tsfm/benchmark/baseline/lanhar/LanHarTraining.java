package io.tsfm.benchmark.baseline.lanhar;

import io.tsfm.benchmark.baseline.BaselineCheckpoint;
import io.tsfm.benchmark.baseline.neural.FineTuneData;
import io.tsfm.benchmark.baseline.neural.BaselineFineTuner;
import io.tsfm.benchmark.baseline.neural.NeuralStore;
import io.tsfm.benchmark.baseline.neural.TrainingCorpus;
import io.tsfm.benchmark.metrics.MetricKind;
import io.tsfm.benchmark.protocol.BenchmarkDataset;
import io.tsfm.benchmark.protocol.FineTuneSplit;
import io.tsfm.core.labels.LabelVocabulary;
import io.tsfm.datasets.plot.CurvePlot;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./tsfm baseline train lanhar}: both LanHAR stages on the training corpus, saved as the {@code pretrain}
 * checkpoint of a {@link NeuralStore}, then the 1 % / 10 % fine-tunes of every test dataset from it, each saved in
 * the random forest's layout, and a PNG of every loss curve. Not thread-safe.
 */
public final class LanHarTraining {
    /** The baseline's name on the command line and in the store. */
    public static final String NAME = "lanhar";
    /** The protocol's fine-tuning learning rate for LanHAR (whole model, spec §6.6). */
    static final double FINE_TUNE_LR = 1e-5;

    private final NeuralStore store;
    private final LanHarConfig config;
    private final TextTokens text;
    private final LabelVocabulary vocabulary;
    private final PrintStream log;

    public LanHarTraining(NeuralStore store, LanHarConfig config, TextTokens text, LabelVocabulary vocabulary,
                          PrintStream log) {
        this.store = store;
        this.config = config;
        this.text = text;
        this.vocabulary = vocabulary;
        this.log = log;
    }

    /** The fine-tuning settings: the shared ones with LanHAR's single learning rate. */
    public static BaselineFineTuner.Settings fineTuneSettings() {
        BaselineFineTuner.Settings r = BaselineFineTuner.Settings.REFERENCE;
        return new BaselineFineTuner.Settings(FINE_TUNE_LR, FINE_TUNE_LR, r.weightDecay(), r.batchSize(), r.maxEpochs(),
                r.patience(), r.seed());
    }

    /**
     * Trains both stages and saves the pretrained model.
     *
     * @param curves where the loss curves go (one panel per stage, one per fine-tune)
     * @return the checkpoint written
     */
    public BaselineCheckpoint pretrain(TrainingCorpus corpus, CurvePlot curves) throws IOException {
        long t0 = System.nanoTime();
        try (LanHarModel model = LanHarModel.create(config, text, vocabulary)) {
            LanHarPretraining p = new LanHarPretraining(model);
            List<String> labels = corpus.labels();
            log.printf(Locale.ROOT, "lanhar stage 1 (text adapter): %d labels x %d descriptions, %d epochs%n",
                    labels.size(), ActivityDescriptions.TEMPLATES.size(), config.stage1Epochs());
            List<LanHarPretraining.StepLoss> s1 = p.textStage(labels, config.stage1Epochs(), 0, s -> {
                curves.add("stage 1: text adapter (InfoNCE)", "loss", s.step(), s.loss());
                if (s.step() % 50 == 0) log.printf(Locale.ROOT, "  stage 1 epoch %d step %d loss %.4f%n", s.epoch(), s.step(), s.loss());
            });
            log.printf(Locale.ROOT, "  stage 1: %d steps, loss %.4f -> %.4f (%.0f s)%n", s1.size(), s1.get(0).loss(),
                    s1.get(s1.size() - 1).loss(), (System.nanoTime() - t0) / 1e9);
            List<float[][]> aligned = new ArrayList<>(corpus.windows().size());
            List<String> windowLabels = new ArrayList<>(corpus.windows().size());
            for (TrainingCorpus.Window w : corpus.windows()) {
                aligned.add(LanHarModel.input(w.input()));
                windowLabels.add(w.label());
            }
            long t1 = System.nanoTime();
            log.printf(Locale.ROOT, "lanhar stage 2 (sensor-text CLIP): %d windows of %s, %d epochs, batch %d%n",
                    aligned.size(), corpus.name(), config.stage2Epochs(), config.stage2Batch());
            double[] epochLoss = new double[2];
            int[] epochAt = {1};
            List<LanHarPretraining.StepLoss> s2 = p.clipStage(aligned, windowLabels, config.stage2Epochs(), 0, s -> {
                curves.add("stage 2: sensor-text CLIP", "loss", s.step(), s.loss());
                if (s.epoch() != epochAt[0]) {
                    log.printf(Locale.ROOT, "  stage 2 epoch %d/%d mean loss %.4f (%.0f s)%n", epochAt[0],
                            config.stage2Epochs(), epochLoss[0] / epochLoss[1], (System.nanoTime() - t1) / 1e9);
                    epochAt[0] = s.epoch();
                    epochLoss[0] = 0;
                    epochLoss[1] = 0;
                }
                epochLoss[0] += s.loss();
                epochLoss[1]++;
            });
            log.printf(Locale.ROOT, "  stage 2 epoch %d/%d mean loss %.4f (%.0f s)%n", epochAt[0], config.stage2Epochs(),
                    epochLoss[0] / epochLoss[1], (System.nanoTime() - t1) / 1e9);
            double seconds = (System.nanoTime() - t0) / 1e9;
            String params = config.describe() + "; text encoder MiniLM " + text.encoderId().substring(0, 12)
                    + "; stage 1 loss " + fmt(s1.get(0).loss()) + " -> " + fmt(s1.get(s1.size() - 1).loss())
                    + ", stage 2 loss " + fmt(s2.get(0).loss()) + " -> " + fmt(s2.get(s2.size() - 1).loss());
            BaselineCheckpoint cp = store.save(store.trainingDir(NAME, NeuralStore.PRETRAIN),
                    NeuralStore.describe(NAME, NeuralStore.PRETRAIN, corpus, params, seconds), model.net());
            log.printf(Locale.ROOT, "  pretrained in %.0f s -> %s%n", seconds, store.trainingDir(NAME, NeuralStore.PRETRAIN));
            return cp;
        }
    }

    /**
     * Fine-tunes a copy of the pretrained model on the {@code metric} subsample of {@code dataset} and saves it.
     *
     * @param pretrained the verified pretrain checkpoint (its model hash is recorded, so a retrained pretrain makes
     *                   this one stale)
     */
    public BaselineCheckpoint fineTune(BenchmarkDataset dataset, MetricKind metric, BaselineCheckpoint pretrained,
                                       CurvePlot curves) throws IOException {
        FineTuneSplit split = FineTuneSplit.of(dataset.labelIndices());
        FineTuneData raw = FineTuneData.of(dataset, split, metric.labelRate());
        FineTuneData data = new FineTuneData(raw.labelled(), prepare(raw.trainX()), raw.trainY(), prepare(raw.valX()),
                raw.valY(), raw.classes());
        try (LanHarModel model = LanHarModel.create(config, text, vocabulary)) {
            store.load(store.trainingDir(NAME, NeuralStore.PRETRAIN), pretrained, model.manager(), model.net());
            LanHarFineTunable tunable = new LanHarFineTunable(model, dataset.labels());
            String panel = dataset.name() + " " + metric.id();
            BaselineFineTuner.Result r = BaselineFineTuner.fit(tunable, model.manager(), data, fineTuneSettings(), e -> {
                curves.add(panel, "train loss", e.epoch(), e.trainLoss());
                if (!Double.isNaN(e.valAccuracy())) curves.add(panel, "val accuracy", e.epoch(), e.valAccuracy());
            });
            String params = "whole sensor side fine-tuned, cosine to frozen text prototypes / 0.07, lr " + FINE_TUNE_LR
                    + ", AdamW wd 1e-5, batch 32, <= 20 epochs, patience 5; best epoch " + r.bestEpoch() + " of "
                    + r.epochs().size() + "; from pretrained " + pretrained.modelSha256();
            BaselineCheckpoint cp = store.save(store.supervisedDir(NAME, dataset.name(), metric),
                    NeuralStore.describe(NAME, dataset, split, metric, raw, params, r.seconds()), model.net());
            log.printf(Locale.ROOT, "%s %s: %d labelled windows, best val accuracy %.3f at epoch %d/%d, %.1f s%n",
                    dataset.name(), metric.id(), raw.labelled().size(), r.bestValAccuracy(), r.bestEpoch(),
                    r.epochs().size(), r.seconds());
            return cp;
        }
    }

    /** Baseline inputs as the network reads them. */
    static float[][][] prepare(float[][][] inputs) {
        float[][][] out = new float[inputs.length][][];
        for (int i = 0; i < inputs.length; i++) out[i] = LanHarModel.input(inputs[i]);
        return out;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
