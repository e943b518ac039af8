package io.tsfm.job.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tsfm.core.serving.ScoredWindow;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Smoothing over a device's last k windows, in the keyed harness. */
class PredictionSmootherTest {

    private static final long HOP = 2_000_000;

    @Test
    void scoresAreAveragedOverTheLastKWindowsOfTheSameLabelSet() throws Exception {
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new PredictionSmoother(3, 1, HOP)), ScoredWindow::deviceId, Types.STRING)) {
            h.open();
            h.processElement(scored("dev-a", 1, "v1", new float[] {0.9f, 0.1f}), 0); // walking 0.9, sitting 0.1
            h.processElement(scored("dev-b", 1, "v1", new float[] {0.0f, 0.8f}), 0); // another device: apart
            h.processElement(scored("dev-a", 2, "v1", new float[] {0.2f, 0.6f}), 0);
            h.processElement(scored("dev-a", 3, "v1", new float[] {0.3f, 0.5f}), 0);
            h.processElement(scored("dev-a", 4, "v1", new float[] {0.1f, 0.2f}), 0); // window 1 has left
            h.processElement(scored("dev-a", 5, "v2", new float[] {0.7f, 0.0f}), 0); // new label set: afresh
            h.processElement(scored("dev-a", 9, "v2", new float[] {0.0f, 0.4f}), 0); // 4 hops later: afresh

            var out = h.extractOutputValues();
            assertThat(out).hasSize(7);
            assertThat(out.get(0).labels()).containsExactly("walking");
            assertThat(out.get(0).scores()[0]).isCloseTo(0.9f, within(1e-6f));
            assertThat(out.get(1).labels()).containsExactly("sitting");
            assertThat(out.get(2).labels()).containsExactly("walking"); // (0.9+0.2)/2 = 0.55 > (0.1+0.6)/2 = 0.35
            assertThat(out.get(2).scores()[0]).isCloseTo(0.55f, within(1e-6f));
            // windows 1..3: walking (0.9+0.2+0.3)/3 = 0.4667, sitting (0.1+0.6+0.5)/3 = 0.4
            assertThat(out.get(3).labels()).containsExactly("walking");
            assertThat(out.get(3).scores()[0]).isCloseTo(1.4f / 3, within(1e-6f));
            assertThat(out.get(4).labels()).containsExactly("sitting"); // 2..4: walking 0.2, sitting 0.4333
            assertThat(out.get(4).scores()[0]).isCloseTo(1.3f / 3, within(1e-6f));
            assertThat(out.get(5).labels()).containsExactly("walking");
            assertThat(out.get(5).scores()[0]).isCloseTo(0.7f, within(1e-6f));
            assertThat(out.get(6).scores()[0]).isCloseTo(0.4f, within(1e-6f));
        }
    }

    private static ScoredWindow scored(String device, int index, String version, float[] walkingSitting) {
        long start = index * HOP;
        return new ScoredWindow(device, start, start + 6_000_000, new String[] {"walking", "sitting"},
                walkingSitting, "set", version.equals("v1") ? 1 : 2, "0".repeat(64), 5, 0);
    }
}
