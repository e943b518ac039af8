package io.tsfm.training.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import io.tsfm.core.runtime.LabelEncoderKind;
import io.tsfm.core.runtime.SensorWindow;
import io.tsfm.core.text.MiniLmTextEncoder;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.catalog.DatasetCatalog;
import io.tsfm.datasets.eval.DatasetWindows;
import io.tsfm.training.text.TextBank;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fine-tuning the shipped micro checkpoint on real BasicMotions windows (a tiny subset, so it runs in seconds). */
class TsfmFineTunerTest {
    static final Path CHECKPOINT = Path.of("..", "models", "tsfm-micro.checkpoint").toAbsolutePath().normalize();
    static MiniLmTextEncoder encoder;
    static TextBank text;
    static List<String> labels;
    static List<DatasetWindows.Labeled> train = new ArrayList<>();
    static List<DatasetWindows.Labeled> val = new ArrayList<>();

    @BeforeAll
    static void load() throws Exception {
        DataRoot root = DataRoot.resolve();
        Dataset ds = DatasetCatalog.load(root).read("basicmotions", root);
        labels = ds.manifest().labels();
        List<DatasetWindows.Labeled> all = DatasetWindows.of(ds, 1.0);
        // alternate windows between the two parts so both hold every class
        for (int i = 0; i < Math.min(48, all.size()); i++) (i % 2 == 0 ? train : val).add(all.get(i * all.size() / 48));
        encoder = MiniLmTextEncoder.builder().optMaxTokens(128).build(); // as the checkpoint was trained
        text = new TextBank(encoder);
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    static TsfmFineTuner.Builder tuner() {
        return TsfmFineTuner.builder().setCheckpoint(CHECKPOINT).setTrain(train).setValidation(val).setLabels(labels)
                .optTextBank(text).optDevice(Device.cpu()).optBatchSize(8);
    }

    static double accuracy(List<String> predicted, List<DatasetWindows.Labeled> truth) {
        int right = 0;
        for (int i = 0; i < truth.size(); i++) if (predicted.get(i).equals(truth.get(i).label())) right++;
        return (double) right / truth.size();
    }

    @Test
    void reducesTrainingLossAndRestoresTheBestValidationState() throws Exception {
        List<SensorWindow> valWindows = val.stream().map(DatasetWindows.Labeled::window).toList();
        FineTuneResult r = tuner().optLearningRate(1e-4).optMaxEpochs(6).optPatience(6).build().run(valWindows);

        assertThat(r.history()).hasSize(6);
        assertThat(r.history().get(5).trainLoss()).isLessThan(r.history().get(0).trainLoss());
        // the best epoch is the first one reaching the highest validation accuracy
        double max = r.history().stream().mapToDouble(EpochRecord::validationAccuracy).max().orElseThrow();
        int firstMax = r.history().stream().filter(e -> e.validationAccuracy() == max).findFirst().orElseThrow().epoch();
        assertThat(r.bestEpoch()).isEqualTo(firstMax);
        assertThat(r.history().get(firstMax - 1).improved()).isTrue();
        // predicting the validation windows with the restored state reproduces the best epoch's accuracy exactly
        assertThat(accuracy(r.predictions(), val)).isEqualTo(r.bestValidationAccuracy());
        assertThat(r.predictions()).allMatch(labels::contains);
        // the best epoch's validation probabilities and the restored state's test probabilities: the test windows
        // here are the validation windows, so both agree (the restore reproduces that epoch's state)
        List<String> truth = val.stream().map(DatasetWindows.Labeled::label).toList();
        assertThat(r.validation().accuracy(truth)).isEqualTo(r.bestValidationAccuracy());
        assertThat(r.test().predictions()).isEqualTo(r.predictions());
        assertThat(r.test().labels()).isEqualTo(labels);
        for (int i = 0; i < r.test().size(); i++) {
            double sum = 0;
            for (int k = 0; k < labels.size(); k++) {
                sum += r.test().get(i, k);
                assertThat(r.test().get(i, k)).isCloseTo(r.validation().get(i, k), within(1e-6));
            }
            assertThat(sum).isCloseTo(1.0, within(1e-9));
        }
    }

    @Test
    void restoresTheBestStateWhenLaterEpochsGetWorse() throws Exception {
        // training on the validation windows with every label shifted to the next class drives validation accuracy
        // (true labels) down, so the state to restore is an early one, not the last
        List<DatasetWindows.Labeled> wrong = val.stream().map(l -> new DatasetWindows.Labeled(l.window(),
                labels.get((labels.indexOf(l.label()) + 1) % labels.size()))).toList();
        List<SensorWindow> valWindows = val.stream().map(DatasetWindows.Labeled::window).toList();
        FineTuneResult r = tuner().setTrain(wrong).optLearningRate(1e-3).optMaxEpochs(8).optPatience(3).build()
                .run(valWindows);

        EpochRecord last = r.history().get(r.history().size() - 1);
        assertThat(r.bestEpoch()).isLessThan(last.epoch());
        assertThat(last.validationAccuracy()).isLessThan(r.bestValidationAccuracy());
        assertThat(accuracy(r.predictions(), val)).isEqualTo(r.bestValidationAccuracy());
    }

    @Test
    void repeatsWithTheSameSeed() throws Exception {
        List<SensorWindow> valWindows = val.stream().map(DatasetWindows.Labeled::window).toList();
        FineTuneResult a = tuner().optLearningRate(1e-4).optMaxEpochs(2).optPatience(2).build().run(valWindows);
        FineTuneResult b = tuner().optLearningRate(1e-4).optMaxEpochs(2).optPatience(2).build().run(valWindows);
        // up to float rounding: the engine's CPU kernels are not bit-repeatable on a loaded machine
        assertThat(b.history()).hasSameSizeAs(a.history());
        for (int i = 0; i < a.history().size(); i++) {
            assertThat(b.history().get(i).trainLoss()).as("epoch %d loss; first run %s, second run %s", i + 1,
                    a.history(), b.history()).isCloseTo(a.history().get(i).trainLoss(),
                    org.assertj.core.data.Offset.offset(1e-4));
        }
        assertThat(b.predictions()).isEqualTo(a.predictions());
    }

    @Test
    void learnableLabelRowsTrainAndTheBestEpochsRowsPredict() throws Exception {
        List<SensorWindow> valWindows = val.stream().map(DatasetWindows.Labeled::window).toList();
        FineTuneResult frozen = tuner().optLearningRate(1e-3).optMaxEpochs(4).optPatience(4).build().run(valWindows);
        FineTuneResult learnt = tuner().optLearningRate(1e-3).optMaxEpochs(4).optPatience(4).optLearnableLabels(true)
                .build().run(valWindows);

        // same seed, same batches: the only difference is that the label rows move with the network
        assertThat(learnt.history().get(0).trainLoss()).isNotEqualTo(frozen.history().get(0).trainLoss());
        assertThat(learnt.history().get(3).trainLoss()).isLessThan(learnt.history().get(0).trainLoss());
        // the restored state includes the best epoch's label rows: predicting validation reproduces its accuracy
        assertThat(accuracy(learnt.predictions(), val)).isEqualTo(learnt.bestValidationAccuracy());
        assertThat(learnt.settings()).containsEntry("learnable_labels", true);
        assertThat(frozen.settings()).containsEntry("learnable_labels", false);
    }

    @Test
    void aSmoothedTargetKeepsTheLossAboveItsEntropy() throws Exception {
        // with target q = (1 - e) one-hot + e / K, cross-entropy can never go below the entropy of q; the one-hot run
        // goes below that floor, so a smoothing that was not applied would show
        double e = 0.5;
        int k = labels.size();
        double high = 1 - e + e / k;
        double low = e / k;
        double floor = -high * Math.log(high) - (k - 1) * low * Math.log(low);
        List<SensorWindow> none = List.of(val.get(0).window());
        FineTuneResult plain = tuner().optLearningRate(1e-3).optMaxEpochs(8).optPatience(8).build().run(none);
        FineTuneResult smoothed = tuner().optLearningRate(1e-3).optMaxEpochs(8).optPatience(8).optLabelSmoothing(e)
                .build().run(none);

        assertThat(plain.history().get(7).trainLoss()).isLessThan(floor);
        assertThat(smoothed.history()).allSatisfy(r -> assertThat(r.trainLoss()).isGreaterThanOrEqualTo(floor - 1e-4));
        assertThat(smoothed.settings()).containsEntry("label_smoothing", 0.5);
        assertThat(plain.settings()).containsEntry("label_smoothing", 0.0);
        assertThatThrownBy(() -> tuner().optLabelSmoothing(1.0)).hasMessage("label smoothing must be in [0, 1), got 1.0");
    }

    @Test
    void stopsAfterFiveEpochsWithoutImprovement() throws Exception {
        // a learning rate too small to move any argmax: validation accuracy is flat after epoch 1
        FineTuneResult r = tuner().optLearningRate(1e-12).optWeightDecay(0).optMaxEpochs(20).build()
                .run(List.of(val.get(0).window()));
        assertThat(r.history()).hasSize(6);
        assertThat(r.stoppedEarly()).isTrue();
        assertThat(r.bestEpoch()).isEqualTo(1);
        assertThat(r.history().subList(1, 6)).noneMatch(EpochRecord::improved);
    }

    @Test
    void endsAsDivergedWhenMostBatchesAreNonFinite() {
        // NaN samples never reach the model (the patcher refuses them), so a non-finite loss comes from the weights:
        // a step size of 1e12 blows them up after the first batch, and every later batch's loss is non-finite
        assertThatThrownBy(() -> tuner().optLearningRate(1e12).optWeightDecay(0).optMaxEpochs(3).build()
                .run(List.of(val.get(0).window())))
                .isInstanceOf(FineTuningDivergedException.class).hasMessageContaining("fine-tuning diverged")
                .hasMessageContaining("non-finite loss");
    }

    @Test
    void refusesAWindowWhoseLabelIsNotInTheList() {
        assertThatThrownBy(() -> tuner().setLabels(labels.subList(1, labels.size())).build().run(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not in the label list").hasMessageContaining("basicmotions/");
    }

    @Test
    void refusesATextEncoderOtherThanTheCheckpointsOwn() throws Exception {
        try (MiniLmTextEncoder short64 = MiniLmTextEncoder.builder().optMaxTokens(64).build()) {
            assertThatThrownBy(() -> CheckpointModel.load(CHECKPOINT, new TextBank(short64), Device.cpu()))
                    .isInstanceOf(java.io.IOException.class).hasMessageContaining("trained with text encoder")
                    .hasMessageContaining("(64 tokens)");
        }
    }

    @Test
    void loadsACheckpointWithoutOptimizerOrMemoryBank() throws Exception {
        assertThat(CHECKPOINT.resolve("optimizer.bin")).doesNotExist();
        assertThat(CHECKPOINT.resolve("memory_bank.bin")).doesNotExist();
        try (CheckpointModel m = CheckpointModel.load(CHECKPOINT, text, Device.cpu())) {
            assertThat(m.config().getTier()).isEqualTo("micro");
            assertThat(m.labelEncoder()).isEqualTo(LabelEncoderKind.FROZEN);
            float[][] e = m.embed(List.of(val.get(0).window()), new io.tsfm.core.preprocess.Patcher(), 1.0, 8);
            double norm = 0;
            for (float v : e[0]) norm += v * v;
            assertThat(Math.sqrt(norm)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        }
    }
}
