package io.tsfm.cli.benchmark;

import io.tsfm.benchmark.baseline.BaselineCheckpoint;
import io.tsfm.benchmark.baseline.BaselineStore;
import io.tsfm.benchmark.baseline.RandomForest;
import io.tsfm.benchmark.baseline.neural.BaselineFineTuner;
import io.tsfm.benchmark.baseline.neural.NeuralBaseline;
import io.tsfm.benchmark.baseline.neural.NeuralBaselineTrainer;
import io.tsfm.benchmark.baseline.neural.NeuralStore;
import io.tsfm.benchmark.baseline.neural.TrainingCorpus;
import io.tsfm.benchmark.metrics.MetricKind;
import io.tsfm.benchmark.protocol.BenchmarkDataset;
import io.tsfm.benchmark.protocol.BenchmarkDatasets;
import io.tsfm.cli.DataRootOption;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.catalog.DatasetCatalog;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tsfm baseline train rf|limubert|crosshar}: the random forest on the 1 % and 10 % labelled windows of each
 * dataset; a neural baseline pretrained on the training sets, its zero-shot head, and its 1 % / 10 % fine-tunes.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a baseline on the 1 %% and 10 %% labelled windows of each test dataset (spec §6.5 split, "
                + "seed 3431) and save it under --out/<baseline>/<dataset>/<sup1|sup10>/.",
            "Baselines: rf (per-window statistical + spectral features, Tribuo random forest); lanhar (text-aligned "
                + "sensor transformer, trained on hapt, hmp, utd_mhad, then fine-tuned per dataset); limubert, crosshar "
                + "(DJL: self-supervised pretraining on --training-datasets, a zero-shot head over their labels, then "
                + "the 1 %% / 10 %% fine-tunes; loss curves in --out/<baseline>/training.png)."})
public final class BaselineTrainCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BASELINE",
            description = "The baseline to train: rf, lanhar, limubert, crosshar.")
    String baseline;

    @Option(names = "--datasets", split = ",", paramLabel = "A,B",
            description = "Test datasets (default: mobifall_v2,motionsense,basicmotions,racketsports).")
    List<String> datasets = BenchmarkDatasets.DEFAULT;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "baselines",
            description = "Where checkpoints go (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--trees", defaultValue = "100", description = "Trees of the forest (default ${DEFAULT-VALUE}).")
    int trees;

    @Option(names = "--lanhar-epochs", split = ",", paramLabel = "S1,S2",
            description = "LanHAR stage 1 and stage 2 epochs (default 10,50, the reference's; about 8 s per stage-2 "
                    + "epoch on 2 cores).")
    List<Integer> lanharEpochs = List.of(10, 50);

    @Option(names = "--training-datasets", split = ",", paramLabel = "A,B",
            description = "Neural baselines: the pretraining / zero-shot training sets (default: hapt,hmp,utd_mhad).")
    List<String> trainingDatasets = TrainingCorpus.DEFAULT_DATASETS;

    @Option(names = "--pretrain-seconds", defaultValue = "240",
            description = "Neural baselines: pretraining wall-time budget (default ${DEFAULT-VALUE}).")
    int pretrainSeconds;

    @Option(names = "--pretrain-epochs", defaultValue = "1000",
            description = "Neural baselines: pretraining epochs at most (default ${DEFAULT-VALUE}; the time budget "
                    + "usually ends it first).")
    int pretrainEpochs;

    @Option(names = "--head-seconds", defaultValue = "90",
            description = "Neural baselines: zero-shot head wall-time budget (default ${DEFAULT-VALUE}).")
    int headSeconds;

    @Option(names = "--head-epochs", defaultValue = "100",
            description = "Neural baselines: zero-shot head epochs at most (default ${DEFAULT-VALUE}, the reference's).")
    int headEpochs;

    @Option(names = "--finetune-epochs", defaultValue = "20",
            description = "Neural baselines: fine-tuning epochs at most (default ${DEFAULT-VALUE}, the reference's).")
    int fineTuneEpochs;

    @Option(names = "--skip-pretrain", description = "Neural baselines: reuse the saved pretrained encoder.")
    boolean skipPretrain;

    @Mixin DataRootOption rootOption;

    @Override
    public Integer call() throws Exception {
        if (NeuralBaseline.isNeural(baseline)) return trainNeural(NeuralBaseline.byId(baseline));
        if ("lanhar".equals(baseline)) {
            if (lanharEpochs.size() != 2) throw new IllegalArgumentException("--lanhar-epochs takes two numbers: S1,S2");
            DataRoot root = rootOption.resolve();
            DatasetCatalog catalog = DatasetCatalog.load(root);
            LanHarCli.train(BenchmarkDatasets.load(datasets, catalog, root), catalog, root, out,
                    lanharEpochs.get(0), lanharEpochs.get(1));
            return 0;
        }
        if (!BaselineStore.RANDOM_FOREST.equals(baseline)) {
            throw new IllegalArgumentException("unknown baseline '" + baseline + "'; known: rf, lanhar, limubert, "
                    + "crosshar");
        }
        RandomForest.Params params = new RandomForest.Params(trees, RandomForest.Params.DEFAULT.seed());
        DataRoot root = rootOption.resolve();
        List<BenchmarkDataset> sets = BenchmarkDatasets.load(datasets, DatasetCatalog.load(root), root);
        BaselineStore store = new BaselineStore(out);
        for (BenchmarkDataset d : sets) {
            for (MetricKind m : List.of(MetricKind.SUP1, MetricKind.SUP10)) {
                BaselineCheckpoint cp = store.trainRandomForest(d, m, params);
                System.out.printf(Locale.ROOT, "%s %s: %d labelled windows of %d, %d features, trained in %.1f s -> %s%n",
                        d.name(), m.id(), cp.labelledWindows(), cp.windows(), cp.features().size(), cp.trainSeconds(),
                        store.dir(baseline, d.name(), m));
            }
        }
        return 0;
    }

    private int trainNeural(NeuralBaseline kind) throws Exception {
        long start = System.nanoTime();
        DataRoot root = rootOption.resolve();
        DatasetCatalog catalog = DatasetCatalog.load(root);
        List<BenchmarkDataset> sets = BenchmarkDatasets.load(datasets, catalog, root);
        for (String t : trainingDatasets) {
            if (datasets.contains(t)) {
                throw new IllegalArgumentException(t + " is both a training and a test dataset");
            }
        }
        TrainingCorpus corpus = TrainingCorpus.load(trainingDatasets, catalog, root);
        System.out.printf(Locale.ROOT, "%s: %d training windows (20 Hz, 120x6) of %s over %d labels%n",
                kind.displayName(), corpus.windows().size(), corpus.name(), corpus.labels().size());
        BaselineFineTuner.Settings ft = BaselineFineTuner.Settings.REFERENCE;
        NeuralBaselineTrainer.Options o = new NeuralBaselineTrainer.Options(pretrainEpochs, pretrainSeconds,
                NeuralBaselineTrainer.Options.DEFAULT.pretrainBatch(), headEpochs, headSeconds,
                new BaselineFineTuner.Settings(ft.encoderLr(), ft.headLr(), ft.weightDecay(), ft.batchSize(), fineTuneEpochs,
                        ft.patience(), ft.seed()), NeuralBaselineTrainer.Options.DEFAULT.seed());
        NeuralBaselineTrainer trainer = new NeuralBaselineTrainer(new NeuralStore(out), System.out);
        java.nio.file.Path png = trainer.trainAll(kind, corpus, sets, o, skipPretrain);
        System.out.printf(Locale.ROOT, "%s trained in %.0f s; checkpoints in %s, curves %s%n", kind.displayName(),
                (System.nanoTime() - start) / 1e9, out.resolve(kind.id()), png);
        return 0;
    }
}
