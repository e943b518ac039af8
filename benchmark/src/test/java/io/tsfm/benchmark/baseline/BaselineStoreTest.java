package io.tsfm.benchmark.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tsfm.benchmark.metrics.MetricKind;
import io.tsfm.benchmark.protocol.BenchmarkDataset;
import io.tsfm.benchmark.protocol.BenchmarkDatasets;
import io.tsfm.benchmark.protocol.BenchmarkWindow;
import io.tsfm.benchmark.protocol.FineTuneSplit;
import io.tsfm.benchmark.run.BenchmarkException;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.catalog.DatasetCatalog;
import io.tsfm.datasets.eval.ClassificationMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The random forest trained, saved, verified and reloaded on the real BasicMotions windows. */
class BaselineStoreTest {
    // fewer trees than the default keep the test fast; the store does not depend on the count
    private static final RandomForest.Params PARAMS = new RandomForest.Params(25, 3431);
    private static BenchmarkDataset basic;

    @BeforeAll
    static void read() throws Exception {
        DataRoot root = DataRoot.resolve();
        basic = BenchmarkDatasets.load(List.of("basicmotions"), DatasetCatalog.load(root), root).get(0);
    }

    @Test
    void trainsOnTheLabelledSubsampleAndPredictsTheSameAfterReloading(@TempDir Path dir) throws Exception {
        BaselineStore store = new BaselineStore(dir);
        FineTuneSplit split = FineTuneSplit.of(basic.labelIndices());
        BaselineCheckpoint cp = store.trainRandomForest(basic, MetricKind.SUP10, PARAMS);
        // 106 train windows: n_total int(10.6) = 10, 4 classes -> 2 per class
        assertThat(cp.labelledWindows()).isEqualTo(8).isEqualTo(split.labelled(0.1).length);
        assertThat(cp.labels()).isEqualTo(basic.labels());
        assertThat(cp.library()).startsWith("Tribuo 4.3");
        assertThat(Files.size(dir.resolve("rf/basicmotions/sup10/model.tribuo"))).isPositive();

        List<BenchmarkWindow> test = basic.select(split.test());
        List<BenchmarkWindow> labelled = basic.select(split.labelled(0.1));
        RandomForest trained = RandomForest.train(labelled, PARAMS);
        StoredRandomForest stored = new StoredRandomForest(store);
        stored.check(basic, split, 0.1);
        List<String> reloaded = stored.predict(basic, split, 0.1, test);
        assertThat(reloaded).isEqualTo(trained.predict(test));
        // deterministic for the seed, and it learned something: better than the 25 % of guessing on held-out windows
        ClassificationMetrics m = ClassificationMetrics.of(test.stream().map(BenchmarkWindow::label).toList(),
                reloaded, basic.labels());
        assertThat(m.accuracy()).isGreaterThan(0.5);
        assertThat(trained.labels()).isSubsetOf(basic.labels());
    }

    @Test
    void aMissingOrStaleCheckpointIsRefusedWithTheCommandThatTrainsIt(@TempDir Path dir) throws Exception {
        BaselineStore store = new BaselineStore(dir);
        FineTuneSplit split = FineTuneSplit.of(basic.labelIndices());
        assertThatThrownBy(() -> store.verify("rf", basic, split, MetricKind.SUP1))
                .isInstanceOf(BenchmarkException.class)
                .hasMessageContaining("no trained rf baseline for basicmotions sup1")
                .hasMessageContaining("./tsfm baseline train rf --datasets basicmotions --out " + dir);

        store.trainRandomForest(basic, MetricKind.SUP1, PARAMS);
        assertThat(store.verify("rf", basic, split, MetricKind.SUP1).labelledWindows()).isEqualTo(4);

        // trained on other windows: the split of another seed selects others
        FineTuneSplit other = FineTuneSplit.of(basic.labelIndices(), 42);
        assertThatThrownBy(() -> store.verify("rf", basic, other, MetricKind.SUP1))
                .hasMessageContaining("other labelled windows");

        Path model = dir.resolve("rf/basicmotions/sup1/model.tribuo");
        byte[] bytes = Files.readAllBytes(model);
        bytes[bytes.length / 2] ^= 1;
        Files.write(model, bytes);
        assertThatThrownBy(() -> store.verify("rf", basic, split, MetricKind.SUP1))
                .hasMessageContaining("model file model.tribuo was modified");

        Path cp = dir.resolve("rf/basicmotions/sup1/checkpoint.json");
        Files.writeString(cp, Files.readString(cp).replace("\"running\"", "\"jogging\""));
        assertThatThrownBy(() -> store.verify("rf", basic, split, MetricKind.SUP1))
                .hasMessageContaining("trained on labels [badminton, jogging, standing, walking]");

        Files.writeString(cp, "{not json");
        assertThatThrownBy(() -> store.verify("rf", basic, split, MetricKind.SUP1))
                .hasMessageContaining(cp + ": not a baseline checkpoint");
    }
}
