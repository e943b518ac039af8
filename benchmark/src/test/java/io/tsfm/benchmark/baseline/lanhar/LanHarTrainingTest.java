package io.tsfm.benchmark.baseline.lanhar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tsfm.benchmark.baseline.BaselineCheckpoint;
import io.tsfm.benchmark.baseline.neural.NeuralStore;
import io.tsfm.benchmark.baseline.neural.TrainingCorpus;
import io.tsfm.benchmark.metrics.MetricKind;
import io.tsfm.benchmark.protocol.BenchmarkDataset;
import io.tsfm.benchmark.protocol.FineTuneSplit;
import io.tsfm.benchmark.run.BenchmarkException;
import io.tsfm.benchmark.run.ZeroShotSystem;
import io.tsfm.core.labels.LabelVocabulary;
import io.tsfm.core.runtime.LabelSet;
import io.tsfm.core.text.MiniLmTextEncoder;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.catalog.DatasetCatalog;
import io.tsfm.datasets.plot.CurvePlot;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stage 2 on real hmp windows, and the checkpoints' life cycle on real hmp and basicmotions windows. */
class LanHarTrainingTest {
    static MiniLmTextEncoder encoder;
    static TrainingCorpus hmp;
    static BenchmarkDataset basicmotions;

    @BeforeAll
    static void load() throws Exception {
        encoder = MiniLmTextEncoder.builder().optIntraOpThreads(1).build();
        DataRoot root = DataRoot.resolve();
        DatasetCatalog catalog = DatasetCatalog.load(root);
        hmp = TrainingCorpus.load(List.of("hmp"), catalog, root);
        basicmotions = BenchmarkDataset.of(catalog.read("basicmotions", root));
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    /** Every 4th window of hmp, so the corpus stays small but keeps every activity. */
    static TrainingCorpus subset(TrainingCorpus c, int every) {
        List<TrainingCorpus.Window> w = new ArrayList<>();
        for (int i = 0; i < c.windows().size(); i += every) w.add(c.windows().get(i));
        return new TrainingCorpus(c.datasets(), c.labels(), w);
    }

    @Test
    void clipStageLossFallsOverItsFirstStepsOnHmp() {
        TrainingCorpus small = subset(hmp, 4);
        List<float[][]> x = new ArrayList<>();
        List<String> y = new ArrayList<>();
        for (TrainingCorpus.Window w : small.windows()) {
            x.add(LanHarModel.input(w.input()));
            y.add(w.label());
        }
        LanHarConfig c = LanHarConfig.cpuDefaults();
        LanHarConfig fast = new LanHarConfig(c.sharedDim(), c.textHeads(), c.sensorDim(), c.sensorLayers(),
                c.sensorHeads(), c.tokenSteps(), 1, c.stage1Batch(), c.stage1Lr(), 1, 64, 1e-3, c.weightDecay(), 7);
        try (LanHarModel m = LanHarModel.create(fast, new TextTokens(encoder), LabelVocabulary.defaults())) {
            List<LanHarPretraining.StepLoss> losses = new LanHarPretraining(m).clipStage(x.subList(0, 128),
                    y.subList(0, 128), 8, 16, null);
            assertThat(losses).hasSize(16);
            double first = (losses.get(0).loss() + losses.get(1).loss()) / 2;
            double last = (losses.get(14).loss() + losses.get(15).loss()) / 2;
            assertThat(last).isLessThan(first * 0.9);
        }
    }

    @Test
    void checkpointsAreReusedAndRefusedWhenStale(@TempDir Path dir) throws Exception {
        TrainingCorpus small = subset(hmp, 8);
        LanHarConfig c = LanHarConfig.cpuDefaults().withEpochs(1, 1);
        NeuralStore store = new NeuralStore(dir);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        TextTokens text = new TextTokens(encoder);
        LanHarTraining training = new LanHarTraining(store, c, text, LabelVocabulary.defaults(), quiet);
        CurvePlot curves = new CurvePlot("t", "x");
        BaselineCheckpoint pre = training.pretrain(small, curves);
        training.fineTune(basicmotions, MetricKind.SUP1, pre, curves);
        FineTuneSplit split = FineTuneSplit.of(basicmotions.labelIndices());

        StoredLanHar stored = StoredLanHar.open(store, small, text, LabelVocabulary.defaults());
        stored.check(basicmotions, split, 0.01);
        List<String> predicted = stored.predict(basicmotions, split, 0.01, basicmotions.select(split.test()));
        assertThat(predicted).hasSize(split.test().length).allMatch(basicmotions.labels()::contains);
        ZeroShotSystem zs = stored.zeroShot();
        try {
            var answers = zs.path().classify(basicmotions, basicmotions.windows().subList(0, 5),
                    new LabelSet("b", 1, basicmotions.labels()), n -> { });
            assertThat(answers).hasSize(5).allMatch(a -> basicmotions.labels().contains(a.label()));
        } finally {
            zs.path().close();
            stored.close();
        }

        // the 10 % fine-tune was never trained
        assertThatThrownBy(() -> stored.check(basicmotions, split, 0.1)).isInstanceOf(BenchmarkException.class)
                .hasMessageContaining("no trained lanhar").hasMessageContaining("./tsfm baseline train lanhar");
        // a pretrain on other windows is stale for the corpus read now
        assertThatThrownBy(() -> StoredLanHar.open(store, subset(hmp, 9), text, LabelVocabulary.defaults()))
                .isInstanceOf(BenchmarkException.class).hasMessageContaining("stale lanhar checkpoint");
        // retraining the pretrain makes the fine-tunes from the old one stale
        new LanHarTraining(store, c.withEpochs(2, 1), text, LabelVocabulary.defaults(), quiet).pretrain(small, curves);
        StoredLanHar again = StoredLanHar.open(store, small, text, LabelVocabulary.defaults());
        assertThatThrownBy(() -> again.check(basicmotions, split, 0.01)).isInstanceOf(BenchmarkException.class)
                .hasMessageContaining("fine-tuned from another pretrained model");
        assertThat(Files.exists(dir.resolve("lanhar/pretrain/model.params"))).isTrue();
    }
}
