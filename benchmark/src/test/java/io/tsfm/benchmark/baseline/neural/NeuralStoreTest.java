package io.tsfm.benchmark.baseline.neural;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.tsfm.benchmark.baseline.BaselineCheckpoint;
import io.tsfm.benchmark.baseline.BaselineStore;
import io.tsfm.benchmark.metrics.MetricKind;
import io.tsfm.benchmark.protocol.BenchmarkDataset;
import io.tsfm.benchmark.protocol.FineTuneSplit;
import io.tsfm.benchmark.run.BenchmarkException;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.catalog.DatasetCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NeuralStoreTest {
    private static TrainingCorpus hmp;
    private static Dataset hmpData;
    private static BenchmarkDataset basic;

    @BeforeAll
    static void read() throws Exception {
        DataRoot root = DataRoot.resolve();
        DatasetCatalog catalog = DatasetCatalog.load(root);
        hmpData = catalog.read("hmp", root);
        hmp = TrainingCorpus.of(List.of(hmpData));
        basic = BenchmarkDataset.of(catalog.read("basicmotions", root));
    }

    @Test
    void aZeroShotCheckpointIsReadBackAndRefusedWhenMissingForOtherWindowsOrModified(@TempDir Path dir) throws Exception {
        NeuralStore store = new NeuralStore(dir);
        assertThatThrownBy(() -> store.verifyTraining("limubert", NeuralStore.ZERO_SHOT, hmp))
                .isInstanceOf(BenchmarkException.class).hasMessageContaining("no trained limubert")
                .hasMessageContaining("./tsfm baseline train limubert --out " + dir);
        float[] before;
        try (NDManager m = NeuralScorer.cpuManager()) {
            BaselineModel model = BaselineModel.create(NeuralBaseline.LIMU_BERT, hmp.labels().size(), 6, m);
            store.save(store.trainingDir("limubert", NeuralStore.ZERO_SHOT),
                    NeuralStore.describe("limubert", NeuralStore.ZERO_SHOT, hmp, "test", 0), model.encoder(),
                    model.head());
            before = model.encoder().getParameters().get(0).getValue().getArray().toFloatArray();
        }
        BaselineCheckpoint cp = store.verifyTraining("limubert", NeuralStore.ZERO_SHOT, hmp);
        assertThat(cp.labels()).isEqualTo(hmp.labels());
        try (NDManager m = NeuralScorer.cpuManager()) {
            BaselineModel fresh = BaselineModel.create(NeuralBaseline.LIMU_BERT, hmp.labels().size(), 6, m);
            store.load(store.trainingDir("limubert", NeuralStore.ZERO_SHOT), cp, m, fresh.encoder(), fresh.head());
            assertThat(fresh.encoder().getParameters().get(0).getValue().getArray().toFloatArray()).containsExactly(before);
        }
        // the same dataset read with fewer sessions is other windows
        Dataset fewer = new Dataset(hmpData.manifest(), hmpData.sessions().subList(0, 400), hmpData.problems());
        assertThatThrownBy(() -> store.verifyTraining("limubert", NeuralStore.ZERO_SHOT, TrainingCorpus.of(List.of(fewer))))
                .isInstanceOf(BenchmarkException.class).hasMessageContaining("stale limubert checkpoint")
                .hasMessageContaining("other windows");
        Path model = store.trainingDir("limubert", NeuralStore.ZERO_SHOT).resolve(NeuralStore.MODEL);
        byte[] bytes = Files.readAllBytes(model);
        bytes[bytes.length - 1] ^= 1;
        Files.write(model, bytes);
        assertThatThrownBy(() -> store.verifyTraining("limubert", NeuralStore.ZERO_SHOT, hmp))
                .hasMessageContaining("was modified");
    }

    @Test
    void aFineTunedCheckpointIsBoundToItsLabelledWindows(@TempDir Path dir) throws Exception {
        NeuralStore store = new NeuralStore(dir);
        FineTuneSplit split = FineTuneSplit.of(basic.labelIndices());
        FineTuneData data = FineTuneData.of(basic, split, 0.1);
        try (NDManager m = NeuralScorer.cpuManager()) {
            BaselineModel model = BaselineModel.create(NeuralBaseline.CROSSHAR, basic.labels().size(), 1, m);
            store.save(store.supervisedDir("crosshar", basic.name(), MetricKind.SUP10),
                    NeuralStore.describe("crosshar", basic, split, MetricKind.SUP10, data, "test", 0), model.encoder(),
                    model.head());
        }
        assertThat(store.verifySupervised("crosshar", basic, split, MetricKind.SUP10).labelledWindows())
                .isEqualTo(data.labelled().size());
        assertThatThrownBy(() -> store.verifySupervised("crosshar", basic, split, MetricKind.SUP1))
                .hasMessageContaining("no trained crosshar basicmotions sup1")
                .hasMessageContaining("./tsfm baseline train crosshar --datasets basicmotions");
        FineTuneSplit other = FineTuneSplit.of(basic.labelIndices(), 7);
        assertThatThrownBy(() -> store.verifySupervised("crosshar", basic, other, MetricKind.SUP10))
                .hasMessageContaining("other labelled windows");
        Path json = store.supervisedDir("crosshar", basic.name(), MetricKind.SUP10).resolve(BaselineStore.CHECKPOINT);
        Files.writeString(json, Files.readString(json).replace("\"badminton\"", "\"tennis\""));
        assertThatThrownBy(() -> store.verifySupervised("crosshar", basic, split, MetricKind.SUP10))
                .hasMessageContaining("trained on labels");
    }
}
