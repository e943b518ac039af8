package io.tsfm.benchmark.baseline;

import io.tsfm.benchmark.metrics.MetricKind;
import io.tsfm.benchmark.protocol.BenchmarkDataset;
import io.tsfm.benchmark.protocol.BenchmarkWindow;
import io.tsfm.benchmark.protocol.FineTuneSplit;
import io.tsfm.benchmark.run.BenchmarkException;
import io.tsfm.benchmark.run.SupervisedSystem;
import java.io.IOException;
import java.util.List;

/**
 * The random-forest baseline as a benchmark row: reads the forests {@code ./tsfm baseline train rf} saved in a
 * {@link BaselineStore}, after checking each was trained on the labelled windows the split selects now. The forests are
 * loaded by {@link #check} (before the run), so prediction timings hold prediction only. Not thread-safe.
 */
public final class StoredRandomForest implements SupervisedSystem {
    private final BaselineStore store;
    private final java.util.Map<String, RandomForest> loaded = new java.util.HashMap<>();

    public StoredRandomForest(BaselineStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "Random forest (features)";
    }

    @Override
    public String description() {
        return "per-window statistical + spectral features, Tribuo random forest trained on the 1 % / 10 % labelled "
                + "windows of each test dataset (checkpoints, with their hyper-parameters, in " + store.root() + ")";
    }

    @Override
    public void check(BenchmarkDataset dataset, FineTuneSplit split, double rate) {
        MetricKind m = MetricKind.ofLabelRate(rate);
        BaselineCheckpoint cp = store.verify(BaselineStore.RANDOM_FOREST, dataset, split, m);
        try {
            loaded.put(dataset.name() + "/" + m.id(), store.loadRandomForest(dataset, m, cp));
        } catch (IOException e) {
            throw new BenchmarkException("cannot load the random forest of " + dataset.name() + " " + m.id() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public List<String> predict(BenchmarkDataset dataset, FineTuneSplit split, double rate, List<BenchmarkWindow> test) {
        String key = dataset.name() + "/" + MetricKind.ofLabelRate(rate).id();
        if (!loaded.containsKey(key)) check(dataset, split, rate);
        return loaded.get(key).predict(test);
    }
}
