package io.tsfm.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.core.runtime.Classification;
import io.tsfm.core.runtime.LabelSet;
import io.tsfm.core.runtime.SensorWindow;
import io.tsfm.core.runtime.WindowClassifier;
import io.tsfm.core.testing.MicroBundle;
import io.tsfm.edge.frame.DeviceFrame;
import io.tsfm.edge.source.Pacer;
import io.tsfm.lab.replay.SyntheticSource;
import io.tsfm.edge.window.EdgeWindow;
import io.tsfm.schemas.WireFormat;
import io.tsfm.schemas.avro.Prediction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The edge client without a broker: local windows, predictions, label-set changes and classifier failures, with the
 * real micro bundle (wrapped in a classifier that fails on demand for the failure test).
 */
class EdgeClientTest {
    private static final long START = 1_700_000_000_000_000L;

    @Test
    void everyCompleteWindowOfEveryDeviceIsPredictedInOrder() throws Exception {
        List<Prediction> predictions = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<DeviceFrame> frames = new ArrayList<>();
        LabelSet later = new LabelSet("gym", 3, List.of("running", "cycling", "lying"));
        WindowClassifier model = MicroBundle.shared();
        try (SyntheticSource source = SyntheticSource.builder().optDevices(2).optSeconds(60).optStartMicros(START)
                .optPacer(Pacer.unpaced()).build()) {
            EdgeClient[] client = new EdgeClient[1];
            client[0] = EdgeClient.builder().setSource(source).optClassifier(model).optTopK(2)
                    .optListener(new EdgeListener() {
                        @Override
                        public void onFrame(DeviceFrame frame) {
                            frames.add(frame);
                        }

                        @Override
                        public void onPrediction(Prediction p) {
                            WireFormat.PREDICTION.encode(p); // every prediction passes the wire rules
                            predictions.add(p);
                            if (predictions.size() == 20) client[0].recognizer().setLabelSet(later);
                        }

                        @Override
                        public void onWindowFailed(EdgeWindow window, String reason) {
                            failed.add(window.windowId() + ": " + reason);
                        }
                    }).build();
            EdgeStats stats = client[0].run();
            assertThat(stats.frames()).isEqualTo(600);
            // 60 s from a grid-aligned start: 28 complete windows a device, 2 partial ones at each end
            assertThat(stats.predictions()).isEqualTo(56);
            assertThat(stats.windowsRejected()).isEqualTo(8);
            assertThat(stats.classificationFailures()).isZero();
            assertThat(failed).hasSize(8).allMatch(f -> f.contains("coverage"));
        }
        for (String device : List.of("synthetic-0", "synthetic-1")) {
            List<Prediction> mine = predictions.stream().filter(p -> p.getDeviceId().equals(device)).toList();
            assertThat(mine).hasSize(28);
            for (int k = 0; k < mine.size(); k++) {
                assertThat(mine.get(k).getWindowStartEpochMicros()).isEqualTo(START + k * 2_000_000L);
                assertThat(mine.get(k).getWindowEndEpochMicros()).isEqualTo(START + k * 2_000_000L + 6_000_000L);
                assertThat(mine.get(k).getTopK()).hasSize(2);
            }
            assertThat(frames.stream().filter(f -> f.deviceId().equals(device)).map(DeviceFrame::sequence).toList())
                    .isEqualTo(java.util.stream.LongStream.range(0, 300).boxed().toList());
        }
        assertThat(predictions.subList(0, 20)).allMatch(p -> p.getLabelSetId().equals("default"));
        assertThat(predictions.subList(20, 56)).allMatch(p -> p.getLabelSetId().equals("gym") && p.getLabelSetVersion() == 3)
                .allMatch(p -> later.labels().contains(p.getTopK().get(0).getLabel()));
    }

    @Test
    void aFailingClassifierCostsOnlyItsWindows() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        WindowClassifier flaky = new WindowClassifier() {
            private final WindowClassifier inner = MicroBundle.shared();

            @Override
            public String modelId() {
                return inner.modelId();
            }

            @Override
            public List<Classification> classify(List<SensorWindow> windows, LabelSet labels, int k) {
                if (calls.incrementAndGet() % 3 == 0) throw new IllegalStateException("inference failed");
                return inner.classify(windows, labels, k);
            }

            @Override
            public void close() {
            }
        };
        try (SyntheticSource source = SyntheticSource.builder().optSeconds(30).optStartMicros(START).optPacer(Pacer.unpaced()).build()) {
            EdgeStats stats = EdgeClient.builder().setSource(source).optClassifier(flaky).build().run();
            assertThat(stats.predictions() + stats.classificationFailures()).isEqualTo(13);
            assertThat(stats.classificationFailures()).isEqualTo(4);
        }
    }
}
