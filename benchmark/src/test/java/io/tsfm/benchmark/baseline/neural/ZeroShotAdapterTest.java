package io.tsfm.benchmark.baseline.neural;

import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.benchmark.protocol.BenchmarkDataset;
import io.tsfm.benchmark.run.WindowPrediction;
import io.tsfm.core.labels.LabelVocabulary;
import io.tsfm.core.runtime.LabelSet;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.catalog.DatasetCatalog;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ZeroShotAdapterTest {

    @Test
    void anUntrainedLimuBertAnswersTrainingLabelsOpenSetAndOnlyReachableTestLabelsClosedSet() throws Exception {
        DataRoot root = DataRoot.resolve();
        DatasetCatalog catalog = DatasetCatalog.load(root);
        TrainingCorpus corpus = TrainingCorpus.load(List.of("utd_mhad"), catalog, root);
        BenchmarkDataset rackets = BenchmarkDataset.of(catalog.read("racketsports", root));
        int[] progress = {0};
        ai.djl.ndarray.NDManager manager = NeuralScorer.cpuManager();
        BaselineModel model = BaselineModel.create(NeuralBaseline.LIMU_BERT, corpus.labels().size(), 6, manager);
        try (ZeroShotAdapter path = new ZeroShotAdapter(new NeuralScorer(manager, model, corpus.labels(), "untrained"),
                LabelVocabulary.defaults(), 16)) {
            List<WindowPrediction> open = path.classify(rackets, rackets.windows(),
                    new LabelSet("vocabulary", 1, corpus.labels()), n -> progress[0] += n);
            assertThat(open).hasSize(rackets.windows().size());
            assertThat(progress[0]).isEqualTo(rackets.windows().size());
            assertThat(corpus.labels()).containsAll(open.stream().map(WindowPrediction::label).toList());
            List<WindowPrediction> closed = path.classify(rackets, rackets.windows(),
                    new LabelSet("racketsports", 1, rackets.labels()), n -> { });
            Set<String> answered = closed.stream().map(WindowPrediction::label).collect(Collectors.toSet());
            // all four strokes are one synonym group (swing_sports): only its first test label can be answered
            assertThat(answered).containsExactly("badminton_clear");
        }
    }
}
