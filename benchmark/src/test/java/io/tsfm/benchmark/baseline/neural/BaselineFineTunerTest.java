package io.tsfm.benchmark.baseline.neural;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.tsfm.benchmark.protocol.BenchmarkDataset;
import io.tsfm.benchmark.protocol.FineTuneSplit;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.catalog.DatasetCatalog;
import org.junit.jupiter.api.Test;

class BaselineFineTunerTest {

    @Test
    void theBestValidationStateIsRestoredAndTrainingStopsAfterThePatience() throws Exception {
        DataRoot root = DataRoot.resolve();
        BenchmarkDataset basic = BenchmarkDataset.of(DatasetCatalog.load(root).read("basicmotions", root));
        FineTuneSplit split = FineTuneSplit.of(basic.labelIndices());
        FineTuneData data = FineTuneData.of(basic, split, 0.1);
        assertThat(data.valX().length).isEqualTo(split.validation().length);
        try (NDManager m = NeuralScorer.cpuManager()) {
            BaselineModel model = BaselineModel.create(NeuralBaseline.LIMU_BERT, basic.labels().size(), 1, m);
            BaselineFineTuner.Settings s = new BaselineFineTuner.Settings(1e-5, 1e-2, 1e-5, 4, 12, 2, 3431);
            BaselineFineTuner.Result r = BaselineFineTuner.fit(model, m, data, s, null);
            assertThat(r.epochs()).hasSizeLessThanOrEqualTo(12);
            int last = r.epochs().size();
            // stopped either at the cap or exactly `patience` epochs after the kept one
            assertThat(last == 12 || last == r.bestEpoch() + 2).isTrue();
            assertThat(r.epochs().get(r.bestEpoch() - 1).valAccuracy()).isEqualTo(r.bestValAccuracy());
            double max = r.epochs().stream().mapToDouble(BaselineFineTuner.Epoch::valAccuracy).max().orElseThrow();
            assertThat(r.bestValAccuracy()).isEqualTo(max);
            // the restored model is the kept one: its validation accuracy is the best, not the last epoch's
            double now = BaselineFineTuner.accuracy(BaselineFineTuner.predict(model, m, data.valX(), 64), data.valY());
            assertThat(now).isEqualTo(r.bestValAccuracy());
        }
    }
}
