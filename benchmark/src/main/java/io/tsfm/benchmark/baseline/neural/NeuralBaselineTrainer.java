package io.tsfm.benchmark.baseline.neural;

import ai.djl.ndarray.NDManager;
import io.tsfm.benchmark.baseline.BaselineCheckpoint;
import io.tsfm.benchmark.metrics.MetricKind;
import io.tsfm.benchmark.protocol.BenchmarkDataset;
import io.tsfm.benchmark.protocol.FineTuneSplit;
import io.tsfm.datasets.plot.CurvePlot;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Trains a neural baseline end to end, each stage saved in a {@link NeuralStore}: self-supervised pretraining of the
 * encoder on the training windows, the zero-shot head over the training labels on the frozen encoder, and for each
 * test dataset the 1 % and 10 % fine-tunes (pretrained encoder + fresh head, {@link BaselineFineTuner}). Progress goes to
 * the log stream; the curves of every stage to {@code <root>/<baseline>/training.png}. Each stage seeds the
 * engine's generator (initialisation, dropout) with the options' seed. Not thread-safe.
 */
public final class NeuralBaselineTrainer {
    private final NeuralStore store;
    private final PrintStream log;

    public NeuralBaselineTrainer(NeuralStore store, PrintStream log) {
        this.store = store;
        this.log = log;
    }

    /**
     * How long each stage may run (the reference's budgets do not fit a shared 2-core CPU).
     *
     * @param pretrainEpochs  pretraining epochs at most (reference: the authors' schedule)
     * @param pretrainSeconds pretraining wall-time budget
     * @param pretrainBatch   pretraining batch (LiMU-BERT 128)
     * @param headEpochs      zero-shot head epochs at most (reference 100)
     * @param headSeconds     zero-shot head wall-time budget
     * @param fineTune        the supervised settings (reference {@link BaselineFineTuner.Settings#REFERENCE})
     * @param seed            seed of masks, augmentations and splits
     */
    public record Options(int pretrainEpochs, int pretrainSeconds, int pretrainBatch, int headEpochs,
                          int headSeconds, BaselineFineTuner.Settings fineTune, long seed) {
        /** Minutes, not hours: a few minutes of pretraining, the reference fine-tuning settings. */
        public static final Options DEFAULT = new Options(1000, 240, 128, 100, 90, BaselineFineTuner.Settings.REFERENCE, 42);
    }

    /**
     * Every stage; returns the path of the curves PNG.
     *
     * @param reusePretrained keep the saved pretrained encoder (verified against the corpus) instead of pretraining
     */
    public Path trainAll(NeuralBaseline kind, TrainingCorpus corpus, List<BenchmarkDataset> tests, Options o,
                         boolean reusePretrained) throws IOException {
        CurvePlot curves = new CurvePlot(kind.displayName() + " baseline training", "epoch");
        if (reusePretrained) {
            store.verifyTraining(kind.id(), NeuralStore.PRETRAIN, corpus);
        } else {
            pretrain(kind, corpus, o, curves);
        }
        zeroShot(kind, corpus, o, curves);
        for (BenchmarkDataset d : tests) {
            for (MetricKind m : List.of(MetricKind.SUP1, MetricKind.SUP10)) fineTune(kind, corpus, d, m, o, curves);
        }
        Path png = store.root().resolve(kind.id()).resolve("training.png");
        curves.write(png);
        return png;
    }

    /** Pretrains a fresh encoder and saves it. */
    public BaselineCheckpoint pretrain(NeuralBaseline kind, TrainingCorpus corpus, Options o, CurvePlot curves)
            throws IOException {
        log.printf(Locale.ROOT, "%s: pretraining on %d windows of %s (budget %d epochs / %d s)%n", kind.displayName(),
                corpus.windows().size(), corpus.name(), o.pretrainEpochs(), o.pretrainSeconds());
        long t0 = System.nanoTime();
        try (NDManager manager = seededManager(o.seed())) {
            ImuBertEncoder encoder = BaselineModel.create(kind, 1, 1, manager).encoder();
            Pretrainer p = new Pretrainer(kind, encoder, manager, 1e-3, o.seed());
            List<Pretrainer.Loss> epochs = p.run(corpus.inputs(), o.pretrainBatch(), o.pretrainEpochs(),
                    o.pretrainSeconds(), line -> log.println("  " + line));
            for (int e = 0; e < epochs.size(); e++) {
                curves.add("pretraining loss", "reconstruction (MSE)", e + 1, epochs.get(e).reconstruction());
                if (kind.contrastive()) curves.add("pretraining loss", "contrastive", e + 1, epochs.get(e).contrastive());
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            Pretrainer.Loss last = epochs.get(epochs.size() - 1);
            String params = String.format(Locale.ROOT, "pretrain: %d epochs (budget %d / %d s), batch %d, Adam 1e-3, "
                    + "span mask 15%%, final loss %.4f (reconstruction %.4f, contrastive %.4f), seed %d",
                    epochs.size(), o.pretrainEpochs(), o.pretrainSeconds(), o.pretrainBatch(), last.total(),
                    last.reconstruction(), last.contrastive(), o.seed());
            return store.save(store.trainingDir(kind.id(), NeuralStore.PRETRAIN),
                    NeuralStore.describe(kind.id(), NeuralStore.PRETRAIN, corpus, params, seconds), encoder);
        }
    }

    /** Trains the zero-shot head on the saved encoder and saves both. */
    public BaselineCheckpoint zeroShot(NeuralBaseline kind, TrainingCorpus corpus, Options o, CurvePlot curves)
            throws IOException {
        BaselineCheckpoint pre = store.verifyTraining(kind.id(), NeuralStore.PRETRAIN, corpus);
        long t0 = System.nanoTime();
        try (NDManager manager = seededManager(o.seed())) {
            BaselineModel model = BaselineModel.create(kind, corpus.labels().size(), kind.zeroShotVotes(), manager);
            store.load(store.trainingDir(kind.id(), NeuralStore.PRETRAIN), pre, manager, model.encoder());
            HeadTrainer.Examples ex = HeadTrainer.examples(model, manager, corpus);
            log.printf(Locale.ROOT, "%s: zero-shot head on %d %s over %d training labels (budget %d epochs / %d s)%n",
                    kind.displayName(), ex.labels().length, kind.zeroShotVotes() == 1 ? "windows"
                            : "single-label 1 s sub-windows", corpus.labels().size(), o.headEpochs(), o.headSeconds());
            HeadTrainer.Result r = HeadTrainer.train(model, manager, ex.embeddings(), ex.steps(), ex.labels(),
                    kind.zeroShotSelectsByLoss(), o.headEpochs(), o.headSeconds(), o.seed(), e -> {
                        log.println("  " + e);
                        curves.add("zero-shot head (training labels)", "val accuracy", e.epoch(), e.valAcc());
                        curves.add("zero-shot head (training labels)", "train loss / 10", e.epoch(), e.trainLoss() / 10);
                    });
            String params = String.format(Locale.ROOT, "zero-shot head: %d epochs (budget %d / %d s), Adam 1e-3, batch "
                    + "512, %d train / %d val examples, kept epoch %d (val acc %.3f, val loss %.4f, by %s); encoder %s",
                    r.epochs(), o.headEpochs(), o.headSeconds(), r.trainExamples(), r.valExamples(), r.bestEpoch(),
                    r.bestValAcc(), r.bestValLoss(), kind.zeroShotSelectsByLoss() ? "loss" : "accuracy",
                    pre.modelSha256().substring(0, 12));
            return store.save(store.trainingDir(kind.id(), NeuralStore.ZERO_SHOT),
                    NeuralStore.describe(kind.id(), NeuralStore.ZERO_SHOT, corpus, params,
                            (System.nanoTime() - t0) / 1e9), model.encoder(), model.head());
        }
    }

    /** Fine-tunes the saved encoder with a fresh head on one labelled subsample and saves both. */
    public BaselineCheckpoint fineTune(NeuralBaseline kind, TrainingCorpus corpus, BenchmarkDataset dataset,
                                       MetricKind metric, Options o, CurvePlot curves) throws IOException {
        BaselineCheckpoint pre = store.verifyTraining(kind.id(), NeuralStore.PRETRAIN, corpus);
        FineTuneSplit split = FineTuneSplit.of(dataset.labelIndices());
        FineTuneData data = FineTuneData.of(dataset, split, metric.labelRate());
        try (NDManager manager = seededManager(o.seed())) {
            BaselineModel model = BaselineModel.create(kind, dataset.labels().size(), 1, manager);
            store.load(store.trainingDir(kind.id(), NeuralStore.PRETRAIN), pre, manager, model.encoder());
            String series = dataset.name() + " " + metric.id();
            BaselineFineTuner.Result r = BaselineFineTuner.fit(model, manager, data, o.fineTune(),
                    e -> curves.add("fine-tune val accuracy", series, e.epoch(), e.valAccuracy()));
            log.printf(Locale.ROOT, "%s: %s %s fine-tuned on %d labelled windows (%d val): %d epochs, kept %d (val acc "
                    + "%.3f), %.1f s%n", kind.displayName(), dataset.name(), metric.id(), data.labelled().size(),
                    data.valY().length, r.epochs().size(), r.bestEpoch(), r.bestValAccuracy(), r.seconds());
            BaselineFineTuner.Settings s = o.fineTune();
            String params = String.format(Locale.ROOT, "fine-tune: AdamW encoder %.0e / head %.0e, wd %.0e, batch %d, "
                    + "%d epochs run (max %d, patience %d), kept epoch %d (val acc %.3f), seed %d; encoder %s",
                    s.encoderLr(), s.headLr(), s.weightDecay(), s.batchSize(), r.epochs().size(), s.maxEpochs(),
                    s.patience(), r.bestEpoch(), r.bestValAccuracy(), s.seed(), pre.modelSha256().substring(0, 12));
            return store.save(store.supervisedDir(kind.id(), dataset.name(), metric),
                    NeuralStore.describe(kind.id(), dataset, split, metric, data, params, r.seconds()),
                    model.encoder(), model.head());
        }
    }

    /** A CPU manager, with the engine's generator seeded: initialisation and dropout draw from it. */
    private static NDManager seededManager(long seed) {
        NDManager manager = NeuralScorer.cpuManager();
        ai.djl.engine.Engine.getInstance().setRandomSeed((int) seed);
        return manager;
    }
}
