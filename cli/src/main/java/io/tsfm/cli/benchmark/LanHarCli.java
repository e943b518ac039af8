package io.tsfm.cli.benchmark;

import io.tsfm.benchmark.baseline.BaselineCheckpoint;
import io.tsfm.benchmark.baseline.lanhar.LanHarConfig;
import io.tsfm.benchmark.baseline.lanhar.LanHarDeviations;
import io.tsfm.benchmark.baseline.lanhar.LanHarTraining;
import io.tsfm.benchmark.baseline.lanhar.StoredLanHar;
import io.tsfm.benchmark.baseline.lanhar.TextTokens;
import io.tsfm.benchmark.baseline.neural.NeuralStore;
import io.tsfm.benchmark.baseline.neural.TrainingCorpus;
import io.tsfm.benchmark.metrics.MetricKind;
import io.tsfm.benchmark.protocol.BenchmarkDataset;
import io.tsfm.benchmark.run.BenchmarkRunner;
import io.tsfm.core.labels.LabelVocabulary;
import io.tsfm.core.text.MiniLmTextEncoder;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.catalog.DatasetCatalog;
import io.tsfm.datasets.plot.CurvePlot;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The LanHAR parts of {@code tsfm baseline train} and {@code tsfm benchmark}, kept out of the shared commands. */
final class LanHarCli {
    private LanHarCli() {}

    /** Trains both stages on the training sets, then the 1 % / 10 % fine-tunes of every test dataset. */
    static void train(List<BenchmarkDataset> sets, DatasetCatalog catalog, DataRoot root, Path out, int stage1Epochs,
                      int stage2Epochs) throws Exception {
        long t0 = System.nanoTime();
        LanHarConfig config = LanHarConfig.cpuDefaults().withEpochs(stage1Epochs, stage2Epochs);
        TrainingCorpus corpus = TrainingCorpus.load(TrainingCorpus.DEFAULT_DATASETS, catalog, root);
        System.out.printf(Locale.ROOT, "lanhar: %d training windows of %s, %d labels (read in %.0f s)%n",
                corpus.windows().size(), corpus.name(), corpus.labels().size(), (System.nanoTime() - t0) / 1e9);
        NeuralStore store = new NeuralStore(out);
        CurvePlot curves = new CurvePlot("LanHAR pretraining losses (hapt, hmp, utd_mhad)", "step");
        CurvePlot fineTunes = new CurvePlot("LanHAR 1 % / 10 % fine-tuning", "epoch");
        try (MiniLmTextEncoder encoder = MiniLmTextEncoder.create()) {
            LanHarTraining training = new LanHarTraining(store, config, new TextTokens(encoder),
                    LabelVocabulary.defaults(), System.out);
            BaselineCheckpoint pretrained = training.pretrain(corpus, curves);
            for (BenchmarkDataset d : sets) {
                for (MetricKind m : List.of(MetricKind.SUP1, MetricKind.SUP10)) training.fineTune(d, m, pretrained, fineTunes);
            }
        }
        Path png = out.resolve(LanHarTraining.NAME).resolve("loss-curves.png");
        curves.write(png);
        Path fine = out.resolve(LanHarTraining.NAME).resolve("finetune-curves.png");
        if (!fineTunes.isEmpty()) fineTunes.write(fine);
        System.out.printf(Locale.ROOT, "lanhar: done in %.0f s; loss curves: %s, %s%n", (System.nanoTime() - t0) / 1e9,
                png, fine);
    }

    /**
     * Adds the LanHAR row (zero-shot and supervised) to a benchmark, after verifying its checkpoints against
     * {@code corpus} (the default training sets, as read now).
     *
     * @return what to close after the run
     */
    static AutoCloseable addTo(BenchmarkRunner.Builder b, TrainingCorpus corpus, Path baselineDir) throws Exception {
        MiniLmTextEncoder encoder = MiniLmTextEncoder.create();
        try {
            StoredLanHar lanhar = StoredLanHar.open(new NeuralStore(baselineDir), corpus, new TextTokens(encoder),
                    LabelVocabulary.defaults());
            var zeroShot = lanhar.zeroShot();
            b.optZeroShot(zeroShot);
            b.optSupervised(lanhar);
            LanHarDeviations.of(LanHarConfig.cpuDefaults()).forEach(b::optDeviation);
            return () -> {
                zeroShot.path().close();
                lanhar.close();
                encoder.close();
            };
        } catch (Exception | Error e) {
            encoder.close();
            throw e;
        }
    }
}
