package io.tsfm.job.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.core.runtime.Classification;
import io.tsfm.core.runtime.LabelSet;
import io.tsfm.core.runtime.SensorWindow;
import io.tsfm.core.runtime.WindowClassifier;
import io.tsfm.core.serving.LabelSetEntry;
import io.tsfm.core.serving.ScoredWindow;
import io.tsfm.core.testing.MicroBundle;
import io.tsfm.job.testing.RecordingClassifierFactory;
import io.tsfm.job.testing.TestFrames;
import io.tsfm.job.window.DeviceWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.TwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The inference operator in Flink's two-input harness: micro-batching by size, by wait and before checkpoints;
 * label sets from the control input taking effect mid-stream and surviving a restore; failures counted, not thrown.
 * The classifier is the real micro bundle ({@link RecordingClassifierFactory}) except in the failure test, which
 * needs a classifier that throws on demand.
 */
class InferenceOperatorTest {

    private static final long T0 = 1_700_000_000_000_000L;
    private static final LabelSetEntry DEFAULT = new LabelSetEntry("default", 0,
            new String[] {"walking", "sitting", "running", "lying"}, null, 0);

    private final String name = UUID.randomUUID().toString();

    @Test
    void windowsAreClassifiedInBatchesOfAtMostMaxBatchAndTheRestAfterMaxWait() throws Exception {
        try (var h = harness(new RecordingClassifierFactory(name), 4, 50, 3)) {
            h.setProcessingTime(1_000);
            for (int i = 0; i < 10; i++) {
                h.processElement1(window("dev-" + (i % 3), i), i);
            }
            assertThat(RecordingClassifierFactory.batchSizes(name)).containsExactly(4, 4);
            assertThat(h.extractOutputValues()).hasSize(8);
            h.setProcessingTime(1_049);
            assertThat(h.extractOutputValues()).hasSize(8);
            h.setProcessingTime(1_050); // the oldest of the last two has waited max-wait
            assertThat(RecordingClassifierFactory.batchSizes(name)).containsExactly(4, 4, 2);

            // every prediction equals what the classifier says for that window alone
            List<ScoredWindow> out = h.extractOutputValues();
            assertThat(out).hasSize(10);
            WindowClassifier direct = MicroBundle.shared();
            for (int i = 0; i < 10; i++) {
                DeviceWindow w = window("dev-" + (i % 3), i);
                Classification c = direct.classify(List.of(w.toSensorWindow()), DEFAULT.toLabelSet(), 3).get(0);
                ScoredWindow s = out.get(i);
                assertThat(s.deviceId()).isEqualTo(w.deviceId());
                assertThat(s.startMicros()).isEqualTo(w.startMicros());
                assertThat(s.labels()).containsExactly(c.topK().stream()
                        .map(Classification.ScoredLabel::label).toArray(String[]::new));
                for (int j = 0; j < 3; j++) {
                    assertThat(s.scores()[j]).isEqualTo(c.topK().get(j).score());
                }
                assertThat(s.labelSetId()).isEqualTo("default");
                assertThat(s.modelId()).isEqualTo(direct.modelId()).hasSize(64);
                assertThat(s.processingMicros()).isNotNegative();
            }
        }
    }

    @Test
    void aCheckpointBarrierFlushesThePartialBatchSoNothingIsInFlightInState() throws Exception {
        try (var h = harness(new RecordingClassifierFactory(name), 32, 10_000, 3)) {
            h.processElement1(window("dev-a", 0), 0);
            h.processElement1(window("dev-b", 0), 0);
            assertThat(h.extractOutputValues()).isEmpty();
            h.prepareSnapshotPreBarrier(1);
            assertThat(h.extractOutputValues()).hasSize(2);
            assertThat(RecordingClassifierFactory.batchSizes(name)).containsExactly(2);
        }
    }

    @Test
    void aLabelSetUpdateMidStreamTakesEffectForTheNextBatchWithoutRestart() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(new RecordingClassifierFactory(name), 1, 0, 2)) {
            h.processElement1(window("dev-a", 0), 0);
            h.processElement2(new LabelSetEntry("gym", 1, new String[] {"rowing", "cycling", "push_up"}, null, 10), 0);
            h.processElement1(window("dev-a", 1), 0);
            // an older version of the same id is ignored
            h.processElement2(new LabelSetEntry("gym", 0, new String[] {"boxing", "yoga"}, null, 20), 0);
            h.processElement1(window("dev-a", 2), 0);
            // a set scoped to dev-b beats the global one for dev-b only
            h.processElement2(new LabelSetEntry("kitchen", 3, new String[] {"cooking", "eating"},
                    new String[] {"dev-b"}, 5), 0);
            h.processElement1(window("dev-a", 3), 0);
            h.processElement1(window("dev-b", 3), 0);

            List<ScoredWindow> out = h.extractOutputValues();
            assertThat(out).extracting(ScoredWindow::labelSetId)
                    .containsExactly("default", "gym", "gym", "gym", "kitchen");
            assertThat(out).extracting(ScoredWindow::labelSetVersion).containsExactly(0L, 1L, 1L, 1L, 3L);
            assertThat(out.get(0).labels()).isSubsetOf(DEFAULT.labels());
            assertThat(out.get(1).labels()).hasSize(2).isSubsetOf("rowing", "cycling", "push_up");
            assertThat(out.get(4).labels()).containsExactlyInAnyOrder("cooking", "eating");
            snapshot = h.snapshot(1, 1);
        }
        // the label sets are broadcast state: a restored task scores with them, not with the default
        try (var restored = new TwoInputStreamOperatorTestHarness<>(new InferenceOperator(
                new RecordingClassifierFactory(name), DEFAULT, 1, 0, 2, false))) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processElement1(window("dev-a", 4), 0);
            restored.processElement1(window("dev-b", 4), 0);
            assertThat(restored.extractOutputValues()).extracting(ScoredWindow::labelSetId)
                    .containsExactly("gym", "kitchen");
        }
    }

    @Test
    void allScoresModeReturnsEveryLabelForSmoothing() throws Exception {
        try (var h = harness(new RecordingClassifierFactory(name), 1, 0, 2, true)) {
            h.processElement1(window("dev-a", 0), 0);
            assertThat(h.extractOutputValues().get(0).labels()).containsExactlyInAnyOrder(DEFAULT.labels());
        }
    }

    @Test
    void windowsTheClassifierFailsOnAreDroppedWithoutFailingTheTask() throws Exception {
        // a stand-in, not the bundle: the test needs a classifier that throws and fails windows on demand
        ClassifierFactory failing = () -> new WindowClassifier() {
            private int calls;

            @Override
            public String modelId() {
                return "0".repeat(64);
            }

            @Override
            public List<Classification> classify(List<SensorWindow> windows, LabelSet labels, int k) {
                if (calls++ == 0) {
                    throw new IllegalStateException("inference session lost");
                }
                List<Classification> out = new ArrayList<>();
                for (SensorWindow w : windows) {
                    out.add(w.id().startsWith("dev-bad") ? new Classification(w.id(), List.of(), "bad window")
                            : new Classification(w.id(), List.of(new Classification.ScoredLabel("walking", 0.5f)),
                            null));
                }
                return out;
            }

            @Override
            public void close() {
            }
        };
        try (var h = harness(failing, 2, 0, 1)) {
            h.processElement1(window("dev-a", 0), 0); // maxWait 0: alone, and the classifier throws
            h.processElement1(window("dev-bad", 1), 0);
            h.processElement1(window("dev-a", 2), 0);
            assertThat(h.extractOutputValues()).extracting(ScoredWindow::startMicros)
                    .containsExactly(T0 + 2 * 2_000_000L);
        }
    }

    private TwoInputStreamOperatorTestHarness<DeviceWindow, LabelSetEntry, ScoredWindow> harness(
            ClassifierFactory factory, int maxBatch, long maxWait, int topK) throws Exception {
        return harness(factory, maxBatch, maxWait, topK, false);
    }

    private TwoInputStreamOperatorTestHarness<DeviceWindow, LabelSetEntry, ScoredWindow> harness(
            ClassifierFactory factory, int maxBatch, long maxWait, int topK, boolean allScores) throws Exception {
        var h = new TwoInputStreamOperatorTestHarness<>(
                new InferenceOperator(factory, DEFAULT, maxBatch, maxWait, topK, allScores));
        h.open();
        return h;
    }

    private static DeviceWindow window(String device, int index) {
        long start = T0 + index * 2_000_000L;
        return new DeviceWindow(device, start, start + 6_000_000, 50, TestFrames.signal(device, index * 100L, 300),
                TestFrames.DESCRIPTIONS, 0, System.currentTimeMillis() * 1000);
    }
}
