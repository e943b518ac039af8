package io.tsfm.core.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.core.runtime.Classification;
import io.tsfm.core.runtime.LabelSet;
import io.tsfm.core.runtime.SensorWindow;
import io.tsfm.core.runtime.WindowClassifier;
import io.tsfm.schemas.avro.Prediction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared serving loop: one classifier call per label set, counts checked, scored windows as predictions. */
class ServingLoopTest {

    private static final LabelSetEntry WALKING = new LabelSetEntry("a", 1, new String[] {"walking", "sitting", "lying"},
            null, 0);
    private static final LabelSetEntry GYM = new LabelSetEntry("gym", 3, new String[] {"rowing", "cycling"},
            new String[] {"d2"}, 5);

    private record Window(String deviceId, long startMicros, long newestFrameMicros) implements ServedWindow {
        @Override
        public String windowId() {
            return deviceId + "@" + startMicros;
        }

        @Override
        public long endMicros() {
            return startMicros + 1000;
        }
    }

    /** Scores label i as 1/(i+1); records each call's label set and k; returns {@code drop} fewer results. */
    private static final class Ranked implements WindowClassifier {
        final List<String> calls = new ArrayList<>();
        int drop;

        @Override
        public String modelId() {
            return "m";
        }

        @Override
        public List<Classification> classify(List<SensorWindow> windows, LabelSet labels, int k) {
            calls.add(labels.id() + " k=" + k + " n=" + windows.size());
            List<Classification> out = new ArrayList<>();
            for (SensorWindow w : windows.subList(0, windows.size() - drop)) {
                List<Classification.ScoredLabel> top = new ArrayList<>();
                for (int i = 0; i < k; i++) top.add(new Classification.ScoredLabel(labels.labels().get(i), 1f / (i + 1)));
                out.add(new Classification(w.id(), top, null));
            }
            return out;
        }

        @Override
        public void close() {
        }
    }

    private static ServingLoop<Window> loop(Ranked classifier, boolean allScores) {
        return ServingLoop.<Window>builder().setClassifier(classifier).setTopK(2).optAllScores(allScores)
                .setInput(w -> new SensorWindow(w.windowId(), new float[1][4], 50, List.of("acc"))).build();
    }

    @Test
    void oneCallPerLabelSetInTheOrderTheirFirstWindowCame() {
        Ranked classifier = new Ranked();
        List<Window> batch = List.of(new Window("d1", 0, 7), new Window("d2", 0, 8), new Window("d1", 1000, 9));
        Map<String, LabelSetEntry> sets = Map.of("d1", WALKING, "d2", GYM);
        List<ServingLoop.Group<Window>> groups = loop(classifier, false).classify(batch, sets::get);
        assertThat(classifier.calls).containsExactly("a k=2 n=2", "gym k=2 n=1");
        assertThat(groups).extracting(ServingLoop.Group::positions).containsExactly(List.of(0, 2), List.of(1));
        assertThat(groups.get(0).ok()).isTrue();

        ScoredWindow s = groups.get(0).scored(1, 42);
        assertThat(s.labels()).containsExactly("walking", "sitting");
        assertThat(s.scores()).containsExactly(1f, 0.5f);
        Prediction p = s.toPrediction(1009);
        assertThat(p.getDeviceId()).isEqualTo("d1");
        assertThat(p.getWindowStartEpochMicros()).isEqualTo(1000);
        assertThat(p.getWindowEndEpochMicros()).isEqualTo(2000);
        assertThat(p.getLabelSetId()).isEqualTo("a");
        assertThat(p.getLabelSetVersion()).isEqualTo(1);
        assertThat(p.getModelBundleSha256()).isEqualTo("m");
        assertThat(p.getProcessingLatencyMicros()).isEqualTo(42);
        assertThat(p.getEndToEndLatencyMicros()).isEqualTo(1000);
        assertThat(p.getEmittedAtEpochMicros()).isEqualTo(1009);
        assertThat(new ScoredWindow("d", 0, 1, new String[0], new float[0], "a", 1, "m", 0, 0).toPrediction(5)
                .getEndToEndLatencyMicros()).isNull();
    }

    @Test
    void allScoresAsksForEveryLabel() {
        Ranked classifier = new Ranked();
        loop(classifier, true).classify(List.of(new Window("d1", 0, 0)), d -> WALKING);
        assertThat(classifier.calls).containsExactly("a k=3 n=1");
    }

    @Test
    void aCallWithTheWrongNumberOfResultsFailsItsGroup() {
        Ranked classifier = new Ranked();
        classifier.drop = 1;
        List<ServingLoop.Group<Window>> groups = loop(classifier, false)
                .classify(List.of(new Window("d1", 0, 0), new Window("d1", 1000, 0)), d -> WALKING);
        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).ok()).isFalse();
        assertThat(groups.get(0).failure()).hasMessageContaining("1 results for 2 windows");
    }
}
