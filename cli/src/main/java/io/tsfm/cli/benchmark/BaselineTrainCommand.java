package io.tsfm.cli.benchmark;

import io.tsfm.benchmark.baseline.BaselineCheckpoint;
import io.tsfm.benchmark.baseline.BaselineStore;
import io.tsfm.benchmark.baseline.RandomForest;
import io.tsfm.benchmark.metrics.MetricKind;
import io.tsfm.benchmark.protocol.BenchmarkDataset;
import io.tsfm.benchmark.protocol.BenchmarkDatasets;
import io.tsfm.cli.DataRootOption;
import io.tsfm.core.data.DataRoot;
import io.tsfm.core.data.DatasetCatalog;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tsfm baseline train rf}: the random forest on the 1 % and 10 % labelled windows of each dataset. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a baseline on the 1 % and 10 % labelled windows of each test dataset (spec §6.5 split, "
                + "seed 3431) and save it under --out/<baseline>/<dataset>/<sup1|sup10>/.",
            "Baselines: rf (per-window statistical + spectral features, Tribuo random forest); lanhar (text-aligned "
                + "sensor transformer, trained on hapt, hmp, utd_mhad, then fine-tuned per dataset)."})
public final class BaselineTrainCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BASELINE", description = "The baseline to train: rf, lanhar.")
    String baseline;

    @Option(names = "--datasets", split = ",", paramLabel = "A,B",
            description = "Test datasets (default: mobifall_v2,basicmotions,racketsports).")
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

    @Mixin DataRootOption rootOption;

    @Override
    public Integer call() throws Exception {
        if ("lanhar".equals(baseline)) {
            if (lanharEpochs.size() != 2) throw new IllegalArgumentException("--lanhar-epochs takes two numbers: S1,S2");
            DataRoot root = rootOption.resolve();
            LanHarCli.train(BenchmarkDatasets.load(datasets, DatasetCatalog.load(root), root), root, out,
                    lanharEpochs.get(0), lanharEpochs.get(1));
            return 0;
        }
        if (!BaselineStore.RANDOM_FOREST.equals(baseline)) {
            throw new IllegalArgumentException("unknown baseline '" + baseline + "'; known: rf, lanhar (LiMU-BERT and "
                    + "CrossHAR are not implemented)");
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
}
